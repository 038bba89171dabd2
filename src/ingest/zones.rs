//! Time zones that news text names or implies: abbreviations on date lines and the home zones
//! of news agencies.

/// The UTC offset in minutes of a zone abbreviation as used on English news sites.
/// Ambiguous abbreviations (IST, CST for China) are read the way English-language wires use them.
pub fn abbreviation_offset(abbreviation: &str) -> Option<i32> {
    let hours: f32 = match abbreviation.to_ascii_uppercase().as_str() {
        "UTC" | "GMT" | "Z" | "WET" => 0.0,
        "BST" | "CET" | "WEST" | "WAT" => 1.0,
        "CEST" | "EET" | "SAST" => 2.0,
        "EEST" | "MSK" => 3.0,
        "PKT" => 5.0,
        "IST" => 5.5,
        "ICT" | "WIB" => 7.0,
        "HKT" | "SGT" | "AWST" | "PHT" | "MYT" => 8.0,
        "KST" | "JST" => 9.0,
        "ACST" => 9.5,
        "AEST" => 10.0,
        "AEDT" => 11.0,
        "NZST" => 12.0,
        "NZDT" => 13.0,
        "AST" => -4.0,
        "EDT" => -4.0,
        "EST" | "CDT" => -5.0,
        "CST" | "MDT" => -6.0,
        "MST" | "PDT" => -7.0,
        "PST" => -8.0,
        "AKST" => -9.0,
        "HST" => -10.0,
        _ => return None,
    };
    Some((hours * 60.0) as i32)
}

/// The zone an agency's time stamps are in when the text does not say:
/// Yonhap's "08:43 November 23, 2009" is Seoul time.
pub fn agency_home_zone(agency: &str) -> Option<(&'static str, i32)> {
    let zone = match agency.to_ascii_lowercase().as_str() {
        "yonhap" | "yonhap news agency" => ("Asia/Seoul", 9 * 60),
        "kcna" | "korean central news agency" => ("Asia/Pyongyang", 9 * 60),
        "kyodo" | "kyodo news" | "jiji" | "jiji press" => ("Asia/Tokyo", 9 * 60),
        "xinhua" | "china daily" => ("Asia/Shanghai", 8 * 60),
        "cna" | "central news agency" => ("Asia/Taipei", 8 * 60),
        "bernama" => ("Asia/Kuala_Lumpur", 8 * 60),
        "pti" | "ians" => ("Asia/Kolkata", 5 * 60 + 30),
        _ => return None,
    };
    Some(zone)
}

/// Parses a numeric offset: "+09:00", "+0900", "-05", "UTC+9", "GMT-5".
pub fn numeric_offset(token: &str) -> Option<i32> {
    let t = token
        .strip_prefix("UTC")
        .or_else(|| token.strip_prefix("GMT"))
        .unwrap_or(token);
    let (sign, digits) = match t.as_bytes().first()? {
        b'+' => (1, &t[1..]),
        b'-' => (-1, &t[1..]),
        _ => return None,
    };
    let digits: String = digits.chars().filter(|c| *c != ':').collect();
    if digits.is_empty() || digits.len() > 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m) = if digits.len() <= 2 {
        (digits.parse::<i32>().ok()?, 0)
    } else {
        let split = digits.len() - 2;
        (
            digits[..split].parse::<i32>().ok()?,
            digits[split..].parse::<i32>().ok()?,
        )
    };
    (h <= 14 && m < 60).then_some(sign * (h * 60 + m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zones() {
        assert_eq!(abbreviation_offset("EST"), Some(-300));
        assert_eq!(abbreviation_offset("BST"), Some(60));
        assert_eq!(abbreviation_offset("KST"), Some(540));
        assert_eq!(abbreviation_offset("IST"), Some(330));
        assert_eq!(abbreviation_offset("XYZ"), None);
        assert_eq!(agency_home_zone("Yonhap"), Some(("Asia/Seoul", 540)));
        assert_eq!(numeric_offset("+09:00"), Some(540));
        assert_eq!(numeric_offset("-0530"), Some(-330));
        assert_eq!(numeric_offset("UTC+9"), Some(540));
        assert_eq!(numeric_offset("2009"), None);
    }
}
