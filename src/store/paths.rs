//! Source paths stored relative to the workspace file, so a folder of articles and its
//! workspace can move together to another machine.

use std::path::{Component, Path, PathBuf};

/// `target` relative to the folder `base` ("../articles/a.txt"); `target` itself when the two
/// share no root (another drive). Both should be absolute.
pub fn relative_path(target: &Path, base: &Path) -> PathBuf {
    let target_parts: Vec<Component> = target.components().collect();
    let base_parts: Vec<Component> = base.components().collect();
    let common = target_parts
        .iter()
        .zip(&base_parts)
        .take_while(|(a, b)| a == b)
        .count();
    if common == 0 || !target.is_absolute() {
        return target.to_path_buf();
    }
    let mut out = PathBuf::new();
    for _ in common..base_parts.len() {
        out.push("..");
    }
    for part in &target_parts[common..] {
        out.push(part.as_os_str());
    }
    if out.as_os_str().is_empty() {
        out.push(".");
    }
    out
}

/// A stored path made absolute again against the workspace folder `base`, with `..` folded.
pub fn resolve_path(stored: &Path, base: &Path) -> PathBuf {
    if stored.is_absolute() {
        return stored.to_path_buf();
    }
    let mut out = base.to_path_buf();
    for part in stored.components() {
        match part {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_and_back() {
        let base = Path::new("/home/ana/research");
        for target in [
            "/home/ana/research/articles/a.txt",
            "/home/ana/news/b.html",
            "/c.txt",
        ] {
            let rel = relative_path(Path::new(target), base);
            assert!(rel.is_relative(), "{rel:?}");
            assert_eq!(resolve_path(&rel, base), Path::new(target));
        }
        assert_eq!(
            relative_path(Path::new("/home/ana/news/b.html"), base),
            Path::new("../news/b.html")
        );
    }
}
