//! Helpers shared by the window tests: waiting for background work, pressing the pointer.
// Each test file uses some of these.
#![allow(dead_code)]

use std::time::{Duration, Instant};

use dateline::app::DatelineApp;
use egui_kittest::Harness;

/// Steps frames until background work is done (bounded, so a hang fails instead of blocking).
pub fn settle(harness: &mut Harness<'static, DatelineApp>) {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        harness.step();
        if !harness.state().is_busy() {
            break;
        }
        assert!(Instant::now() < deadline, "background work did not finish");
        std::thread::sleep(Duration::from_millis(5));
    }
    harness.run_steps(3);
}

/// Presses or releases the primary button at `pos`, the pointer staying there.
pub fn press(harness: &Harness<'static, DatelineApp>, pos: egui::Pos2, pressed: bool) {
    harness.event(egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: egui::Modifiers::NONE,
    });
}
