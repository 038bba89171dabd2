//! Properties of the time engine: no text makes it panic, every value it emits reads back to
//! the same value, and spans always lie on character boundaries inside the text.
// Test helpers fail loudly on a broken assumption, like the tests themselves.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::NaiveDate;
use dateline::extract::timex::find_timexes;
use dateline::model::TimeValue;
use proptest::prelude::*;

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("on Sunday".to_string()),
        Just("last week".to_string()),
        Just("until Dec. 5".to_string()),
        Just("the 1950-53 war".to_string()),
        Just("more than 50 years ago".to_string()),
        Just("at 9:41 p.m. EST".to_string()),
        Just("2,000 trucks a week".to_string()),
        Just("every Monday".to_string()),
        Just("the third quarter".to_string()),
        Just("a year ago".to_string()),
        Just("fiscal 1998".to_string()),
        Just("mid-2009".to_string()),
        Just("the 1990s".to_string()),
        Just("will visit".to_string()),
        Just("Christmas Eve".to_string()),
        Just("nineteen ninety-six".to_string()),
        "[A-Za-z0-9 ,.'\\-:/]{0,12}",
        "\\PC{0,6}",
    ]
}

fn any_date() -> impl Strategy<Value = Option<NaiveDate>> {
    prop_oneof![
        Just(None),
        (1800i32..2100, 1u32..=12, 1u32..=28)
            .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn values_read_back_and_spans_are_sound(parts in proptest::collection::vec(fragment(), 0..12), reference in any_date()) {
        let text = parts.join(" ");
        for timex in find_timexes(&text, reference) {
            prop_assert!(timex.start < timex.end && timex.end <= text.len());
            prop_assert!(text.is_char_boundary(timex.start) && text.is_char_boundary(timex.end));
            prop_assert_eq!(&text[timex.start..timex.end], timex.text.as_str());
            let written = timex.value.to_timex();
            let read = TimeValue::from_timex(timex.kind.as_str(), &written);
            prop_assert!(read.is_some(), "{} does not read back", written);
            prop_assert_eq!(read.unwrap().to_timex(), written);
        }
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,300}", reference in any_date()) {
        let _ = find_timexes(&text, reference);
    }
}
