//! What the time engine finds in the bundled sample articles (insta snapshots, reviewed by
//! hand), and a reading of every date in the seed article typed in as fixture data.
// Test helpers fail loudly on a broken assumption, like the tests themselves.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fmt::Write;
use std::path::Path;

use dateline::extract::timex::article_timexes;
use dateline::ingest::{IngestOptions, ingest_bytes};

fn sample(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/sample")
        .join(name);
    let bytes = std::fs::read(&path).unwrap();
    // Read from bytes so the file's date never becomes a reference: snapshots stay stable.
    let article = ingest_bytes(&path, &bytes, IngestOptions::default()).unwrap();
    let mut out = String::new();
    writeln!(
        out,
        "published: {:?}",
        article.published.as_ref().map(|p| p.to_iso())
    )
    .unwrap();
    for t in article_timexes(&article, &[]) {
        writeln!(
            out,
            "{:?} {} {} | {}",
            t.text,
            t.kind.as_str(),
            t.value.to_timex(),
            t.explanation
        )
        .unwrap();
    }
    out
}

#[test]
fn sample_articles() {
    for name in [
        "yonhap_port_talks.txt",
        "ap_storm.txt",
        "geneva_talks_no_year.txt",
        "wire/grain_ships.txt",
        "wire/rate_cut.txt",
        "web/election_called.html",
        "bbc_style_markets.txt",
    ] {
        let snapshot = name.replace(['/', '.'], "_");
        insta::assert_snapshot!(snapshot, sample(name));
    }
}

/// The seed: a Yonhap story of Monday 23 November 2009, read by hand.
#[test]
fn every_date_in_the_seed() {
    let seed =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds/000_93a18633a1bf3e6d.txt");
    let Ok(bytes) = std::fs::read(&seed) else {
        eprintln!("the seed is not here; nothing to check");
        return;
    };
    let article = ingest_bytes(&seed, &bytes, IngestOptions::default()).unwrap();
    let found: Vec<(String, String, String)> = article_timexes(&article, &[])
        .into_iter()
        .map(|t| (t.text, t.kind.as_str().to_string(), t.value.to_timex()))
        .collect();
    let expected = [
        ("Monday", "DATE", "2009-11-23"), // "Pyongyang's media said Monday": that day
        ("Sunday", "DATE", "2009-11-22"), // "arrived in North Korea on Sunday"
        ("Dec. 5", "DATE", "2009-12-05"), // "until Dec. 5": ahead, the same year
        ("Sunday night", "TIME", "2009-11-22TNI"), // the reception
        ("1950-53", "DATE", "1950/1953"), // the Korean War
        ("more than 50 years ago", "DATE", "1959"), // Liang as a volunteer, before 1959
        ("60 years", "DURATION", "P60Y"), // of diplomatic relations
        ("this year", "DATE", "2009"),
        ("2006", "DATE", "2006"),          // the last such visit
        ("last week", "DATE", "2009-W47"), // the North Korean delegation's trip
        ("last week", "DATE", "2009-W47"), // Obama's trip to Asia
        ("Dec. 8", "DATE", "2009-12-08"),  // Bosworth's visit
    ];
    let expected: Vec<(String, String, String)> = expected
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    assert_eq!(found, expected);
}
