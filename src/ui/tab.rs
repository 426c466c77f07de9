//! The browser tab while orders are overdue: "(3 overdue) ShipCheck" as its title, and the count
//! on its icon, so a seller working in another tab sees it.
//!
//! The count is drawn as strokes, not as SVG text: the browser lays an icon's text out on the
//! page's main thread with fonts of its own, which took 35–55 ms each time the count changed
//! (Chromium trace of a 100k-row check landing, `InlineNode::FindSvgTextChunks`), one of the
//! longest tasks of a check's landing.

use leptos::prelude::*;

use super::i18n::t;
use super::Controls;

/// Sets the tab's title and icon from the overdue count; the page's own title and icon again
/// when none are overdue, and when the app goes.
pub fn use_overdue_title(controls: Controls) {
    let document = document();
    let original = document.title();
    let restore = original.clone();
    // The page's icon and what it shows, for the count to go on and come off.
    let icon = document.query_selector("link[rel~='icon']").ok().flatten();
    let icon = icon.and_then(|link| Some((link.get_attribute("href")?, link)));
    let restore_icon = send_wrapper::SendWrapper::new(icon.clone());
    Effect::new(move |_| {
        let overdue = controls.counts.with(|c| c.overdue);
        let text = match overdue {
            0 => original.clone(),
            n => (t().overdue_title)(n, &original),
        };
        document.set_title(&text);
        if let Some((href, link)) = &icon {
            let href = if overdue == 0 { href.clone() } else { overdue_icon(overdue) };
            let _ = link.set_attribute("href", &href);
        }
    });
    on_cleanup(move || {
        leptos::prelude::document().set_title(&restore);
        if let Some((href, link)) = restore_icon.take() {
            let _ = link.set_attribute("href", &href);
        }
    });
}

/// The app's icon with the overdue count on a red badge, as an SVG data URL. The count is also
/// its title, which is not drawn.
fn overdue_icon(overdue: u32) -> String {
    let count = if overdue > 99 { "99+".to_owned() } else { overdue.to_string() };
    let (path, stroke_width) = strokes(&count);
    let svg = format!(
        "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'><title>{count}</title><rect width='32' \
         height='32' rx='6' fill='#0b5fff'/><circle cx='19' cy='13' r='13' fill='#d1242f'/><path d='{path}' \
         fill='none' stroke='#fff' stroke-width='{stroke_width}' stroke-linecap='round' stroke-linejoin='round'/></svg>"
    );
    format!("data:image/svg+xml,{}", svg.replace('#', "%23").replace('<', "%3C").replace('>', "%3E"))
}

/// The segments of a seven-segment digit, clockwise from the top, then the middle (top, upper
/// right, lower right, bottom, lower left, upper left, middle): each from one point of the
/// digit's box to another, as halves of its width across and of its height down.
const SEGMENTS: [((u8, u8), (u8, u8)); 7] = [
    ((0, 0), (2, 0)),
    ((2, 0), (2, 1)),
    ((2, 1), (2, 2)),
    ((0, 2), (2, 2)),
    ((0, 1), (0, 2)),
    ((0, 0), (0, 1)),
    ((0, 1), (2, 1)),
];

/// Which segments each digit lights, a bit each in [`SEGMENTS`]' order.
const DIGITS: [u8; 10] = [
    0b011_1111, // 0
    0b000_0110, // 1
    0b101_1011, // 2
    0b100_1111, // 3
    0b110_0110, // 4
    0b110_1101, // 5
    0b111_1101, // 6
    0b000_0111, // 7
    0b111_1111, // 8
    0b110_1111, // 9
];

/// Path data drawing `count` (digits, and the `+` of "99+") centred on the badge, a character's
/// box after another, and the width of its strokes: three characters are drawn smaller.
fn strokes(count: &str) -> (String, f64) {
    let (width, height, gap, stroke) = if count.len() > 2 { (4.0, 8.0, 2.4, 1.8) } else { (5.0, 10.0, 3.0, 2.4) };
    let characters = count.len() as f64;
    let left = 19.0 - (characters * width + (characters - 1.0) * gap) / 2.0;
    let top = 13.0 - height / 2.0;
    let mut path = String::new();
    for (i, c) in count.chars().enumerate() {
        let x = left + i as f64 * (width + gap);
        let at = |(across, down): (u8, u8)| (x + f64::from(across) * width / 2.0, top + f64::from(down) * height / 2.0);
        let mut line = |(x1, y1): (f64, f64), (x2, y2): (f64, f64)| {
            path.push_str(&format!("M{x1:.1} {y1:.1}L{x2:.1} {y2:.1}"));
        };
        match c.to_digit(10) {
            Some(digit) => {
                let lit =
                    SEGMENTS.iter().enumerate().filter(|&(segment, _)| DIGITS[digit as usize] & (1 << segment) != 0);
                for (_, &(from, to)) in lit {
                    line(at(from), at(to));
                }
            }
            None => {
                line(at((0, 1)), at((2, 1)));
                let middle = x + width / 2.0;
                line((middle, top + height / 4.0), (middle, top + height * 3.0 / 4.0));
            }
        }
    }
    (path, stroke)
}
