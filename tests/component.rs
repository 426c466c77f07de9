//! Component tests: the app mounted in a real page in headless Chromium, driven through the DOM
//! the way a seller's clicks and keystrokes drive it. Run by `scripts/test.sh` (wasm-bindgen-test).
#![cfg(target_arch = "wasm32")]

use std::sync::atomic::{AtomicU32, Ordering};

use chrono::{DateTime, TimeDelta, Utc};
use gloo_timers::future::TimeoutFuture;
use shipcheck::engine::Zone;
use shipcheck::ui::{mount, run_engine_on_page, MountedApp};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A fresh element on the page for one test's app.
fn host() -> HtmlElement {
    let host: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&host).unwrap();
    host
}

/// Mounts an app, its engine on this page (the test links it in) rather than in a worker.
fn mount_app(host: &HtmlElement, options: js_sys::Object) -> MountedApp {
    run_engine_on_page(|| shipcheck_worker::Engine::new().into());
    mount(host.clone(), Some(options)).expect("mounts")
}

/// The app mounted in `host`, in English whatever an earlier test left in this browser.
fn start(host: &HtmlElement) -> MountedApp {
    mount_app(host, options(&[("locale", "en")]))
}

fn find(host: &Element, test_id: &str) -> Element {
    host.query_selector(&format!("[data-testid={test_id}]"))
        .unwrap()
        .unwrap_or_else(|| panic!("no [data-testid={test_id}] in {}", host.inner_html()))
}

fn count(host: &Element, test_id: &str) -> u32 {
    host.query_selector_all(&format!("[data-testid={test_id}]")).unwrap().length()
}

fn text(element: &Element) -> String {
    element.text_content().unwrap_or_default()
}

fn click(host: &Element, test_id: &str) {
    find(host, test_id).unchecked_into::<HtmlElement>().click();
}

fn paste(host: &Element, orders: &str) {
    let input: HtmlTextAreaElement = find(host, "paste-input").unchecked_into();
    input.set_value(orders);
    input.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
}

/// Lets the engine answer and Leptos apply the updates a click scheduled.
async fn settle() {
    TimeoutFuture::new(100).await;
}

/// The order lines on the board once it has drawn at least `lines` of them, or after a second:
/// a new selection's lines come a step a frame.
async fn drawn_lines(host: &Element, lines: u32) -> u32 {
    for _ in 0..20 {
        if count(host, "order-row") >= lines {
            break;
        }
        TimeoutFuture::new(50).await;
    }
    count(host, "order-row")
}

/// Seconds in a countdown, `03:14:07` or `2d 03:14:07`.
fn seconds(countdown: &str) -> i64 {
    let (days, hms) = countdown.split_once("d ").unwrap_or(("0", countdown));
    let days: i64 = days.parse().unwrap();
    days * 86_400 + hms.split(':').fold(0, |total, part| total * 60 + part.parse::<i64>().unwrap())
}

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap()
}

/// A Seller Center-style row whose payment was `ago` before now, in China time.
fn order_paid(id: &str, ago: TimeDelta) -> String {
    let paid = Zone::SHANGHAI.local(now() - ago).format("%Y-%m-%d %H:%M:%S");
    format!("{id},{paid},{paid},,,\n")
}

const HEADER: &str = "Order ID,Created Time,Paid Time,Shipped Time,Tracking ID,Shipping Provider Name\n";

#[wasm_bindgen_test]
async fn a_countdown_ticks_in_the_same_node() {
    let host = host();
    let app = start(&host);
    paste(&host, &format!("{HEADER}{}", order_paid("576461413038785201", TimeDelta::hours(47))));
    click(&host, "check-button");
    settle().await;

    assert_eq!(count(&host, "order-row"), 1);
    let countdown = find(&host, "countdown");
    let before = seconds(&text(&countdown));
    assert!((3500..=3600).contains(&before), "about an hour left, got {before}s");
    assert_eq!(text(&find(&host, "finding")).split(' ').next(), Some("Due"));

    TimeoutFuture::new(2_100).await;
    let after_node = find(&host, "countdown");
    assert!(countdown.is_same_node(Some(&after_node)), "the countdown element was replaced");
    let after = seconds(&text(&countdown));
    assert!(after < before, "the countdown did not tick: {before}s then {after}s");

    app.unmount();
    assert_eq!(host.child_element_count(), 0, "unmount leaves nothing behind");
}

#[wasm_bindgen_test]
async fn overdue_and_unusable_rows_are_shown_not_dropped() {
    let host = host();
    let app = start(&host);
    let orders = format!(
        "{HEADER}{}{}B-no-time,,,,,\n,2024-11-12 09:00:00,,,,\n",
        order_paid("576461413038785202", TimeDelta::hours(50)),
        "576461413038785203,2024-11-12 9am,,,,\n",
    );
    paste(&host, &orders);
    click(&host, "check-button");
    settle().await;

    assert_eq!(count(&host, "order-row"), 2);
    let first = find(&host, "order-row");
    assert_eq!(first.get_attribute("data-order-id").as_deref(), Some("576461413038785202"));
    assert!(text(&first).contains("Dispatch overdue−"), "{}", text(&first));
    assert!(first.class_name().contains("sc-row-overdue"), "an overdue row is marked as such");
    assert_eq!(count(&host, "skipped-row"), 0, "the rows not used are a view of their own");
    click(&host, "view-import");
    settle().await;
    assert_eq!(count(&host, "skipped-row"), 2);
    let summary = text(&find(&host, "import-summary"));
    assert!(summary.contains("Read 4 rows: 2 used in 2 orders, 2 not used."), "{summary}");
    assert!(summary.contains("Line 3: Created Time: \"2024-11-12 9am\""), "{summary}");
    assert!(summary.contains("Line 5: no Order ID"), "{summary}");
    app.unmount();
}

#[wasm_bindgen_test]
async fn a_file_without_order_ids_is_explained() {
    let host = host();
    let app = start(&host);
    paste(&host, "name,phone\nAda,123\n");
    click(&host, "check-button");
    settle().await;
    let alert = find(&host, "import-error");
    assert!(text(&alert).contains("no Order ID column"), "{}", text(&alert));
    assert_eq!(count(&host, "order-row"), 0);
    app.unmount();
}

#[wasm_bindgen_test]
async fn in_chinese_dates_unused_rows_and_unreadable_files_read_as_chinese() {
    let host = host();
    let app = mount_app(&host, options(&[("locale", "zh")]));
    let good = order_paid("576461413038785301", TimeDelta::hours(10));
    paste(&host, &format!("{HEADER}{good},2024-11-12 09:00:00,,,,\nA,2024-11-12 9am,,,,\n"));
    click(&host, "check-button");
    settle().await;
    // Deadlines are written the Chinese way: 2026年11月28日 09:05:00（UTC+08:00）.
    let row = text(&find(&host, "order-row"));
    assert!(row.contains("年") && row.contains("日 ") && row.contains("（UTC+08:00）"), "{row}");
    click(&host, "view-import");
    settle().await;
    let summary = text(&find(&host, "import-summary"));
    assert!(summary.contains("没有订单ID"), "{summary}");
    assert!(summary.contains("创建时间：\"2024-11-12 9am\" 不是日期时间"), "{summary}");

    click(&host, "input-change");
    paste(&host, "name,phone\nAda,123\n");
    click(&host, "check-button");
    settle().await;
    let alert = text(&find(&host, "import-error"));
    assert!(alert.contains("表头没有订单ID列"), "{alert}");
    app.unmount();
}

#[wasm_bindgen_test]
async fn the_sample_puts_the_board_first_and_every_kind_of_result_one_tab_away() {
    let host = host();
    let app = start(&host);
    click(&host, "sample-button");
    settle().await;

    let input: HtmlTextAreaElement = find(&host, "paste-input").unchecked_into();
    assert_eq!(input.value(), "", "the sample is the engine's, not text left in the box");
    assert!(drawn_lines(&host, 8).await >= 8);
    assert!(count(&host, "countdown") >= 3);
    assert_eq!(
        find(&host, "group-heading").get_attribute("data-group").as_deref(),
        Some("overdue"),
        "the most urgent group comes first"
    );
    assert_eq!(text(&find(&host, "filter-overdue")), "1Overdue");
    click(&host, "view-dashboard");
    settle().await;
    let metric = text(&find(&host, "metric-late-dispatch-rate"));
    assert!(metric.contains("of 6 dispatched orders shipped late"), "{metric}");
    click(&host, "view-import");
    settle().await;
    assert!(count(&host, "skipped-row") >= 1);
    app.unmount();
}

/// Panics from here on, counted, then reported as before. Called once an app is mounted, so
/// the app's own panic hook, set at its first mount, is the one reported to.
fn count_panics() -> &'static AtomicU32 {
    static PANICS: AtomicU32 = AtomicU32::new(0);
    let report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |panic| {
        PANICS.fetch_add(1, Ordering::Relaxed);
        report(panic);
    }));
    &PANICS
}

#[wasm_bindgen_test]
async fn the_app_stays_when_the_host_drops_its_handle_and_goes_quietly_when_unmounted() {
    let host = host();
    // Dropped at once, as the bindings free a handle the host no longer references.
    let _ = start(&host);
    let panics = count_panics();
    click(&host, "sample-button");
    settle().await;
    assert!(count(&host, "order-row") > 0, "the app still works without its handle");
    host.remove();

    let host = self::host();
    let app = start(&host);
    app.unmount();
    app.unmount();
    assert_eq!(host.child_element_count(), 0);
    settle().await;

    // Unmounted as a check is asked for, and while it is on its way: its answer, when it
    // comes, finds nothing to show.
    for wait in [0, 1, 5] {
        let host = self::host();
        let app = start(&host);
        click(&host, "sample-button");
        TimeoutFuture::new(wait).await;
        app.unmount();
        settle().await;
    }
    let host = self::host();
    let app = start(&host);
    click(&host, "sample-button");
    settle().await;
    assert!(count(&host, "order-row") > 0, "the next app on the page works");
    app.unmount();
    assert_eq!(panics.load(Ordering::Relaxed), 0, "an unmounted app's late work panicked");
}

fn type_into(host: &Element, test_id: &str, text: &str) {
    let input: web_sys::HtmlInputElement = find(host, test_id).unchecked_into();
    input.set_value(text);
    input.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
}

#[wasm_bindgen_test]
async fn one_tracking_number_is_judged_as_it_is_typed() {
    let host = host();
    let app = start(&host);
    let verdict = |host: &Element| {
        let result = find(host, "tracking-result");
        (result.get_attribute("data-verdict").unwrap_or_default(), text(&result))
    };
    type_into(&host, "tracking-input", "1z999aa1 0123456784");
    settle().await;
    assert_eq!(verdict(&host), ("sc-ok".into(), "Valid UPS number (UPS 1Z).".into()));

    type_into(&host, "tracking-input", "1Z999AA10123456780");
    settle().await;
    assert_eq!(
        verdict(&host),
        ("sc-bad".into(), "Invalid: UPS 1Z check digit is 0, expected 4: a digit is mistyped.".into())
    );

    type_into(&host, "tracking-input", "1Z999AA10123456784");
    type_into(&host, "tracking-carrier", "USPS");
    settle().await;
    assert_eq!(
        verdict(&host),
        ("sc-bad".into(), "Not the named carrier's number: a UPS number (UPS 1Z), not USPS.".into())
    );
    app.unmount();
}

#[wasm_bindgen_test]
async fn a_deadline_the_platform_set_is_labelled_as_such() {
    let host = host();
    let app = start(&host);
    let due = (now() + TimeDelta::hours(30)).timestamp();
    let paid = Zone::SHANGHAI.local(now() - TimeDelta::hours(1)).format("%Y-%m-%d %H:%M:%S");
    paste(&host, &format!("Order ID,Paid Time,tts_sla_time\nP1,{paid},{due}\nP2,{paid},\n"));
    click(&host, "check-button");
    settle().await;
    let row = |id: &str| host.query_selector(&format!("[data-order-id={id}]")).unwrap().unwrap();
    assert!(text(&row("P1")).contains("(set by the platform)"), "{}", text(&row("P1")));
    assert!(!text(&row("P2")).contains("(set by the platform)"));
    app.unmount();
}

/// Options for `mount`, as a host writes them.
fn options(pairs: &[(&str, &str)]) -> js_sys::Object {
    let object = js_sys::Object::new();
    for (name, value) in pairs {
        js_sys::Reflect::set(&object, &(*name).into(), &(*value).into()).unwrap();
    }
    object
}

#[wasm_bindgen_test]
async fn the_js_api_loads_orders_sets_profiles_and_reports_results() {
    let host = host();
    let app = mount_app(&host, options(&[("locale", "en"), ("profile", "us-local"), ("theme", "dark")]));
    let results = |app: &MountedApp| wasm_bindgen_futures::JsFuture::from(app.results().unwrap());
    let results_file = |app: &MountedApp| wasm_bindgen_futures::JsFuture::from(app.results_file().unwrap());
    assert!(results(&app).await.unwrap().is_null(), "no results before a check");
    assert!(results_file(&app).await.unwrap().is_null(), "no report file before a check");
    let root = host.first_element_child().unwrap();
    assert_eq!(root.get_attribute("data-theme").as_deref(), Some("dark"));

    let checked = std::rc::Rc::new(std::cell::Cell::new(0));
    let listener = {
        let checked = checked.clone();
        wasm_bindgen::closure::Closure::<dyn Fn(web_sys::CustomEvent)>::new(move |event: web_sys::CustomEvent| {
            let orders = js_sys::Reflect::get(
                &js_sys::Reflect::get(&event.detail(), &"import".into()).unwrap(),
                &"orders".into(),
            );
            checked.set(orders.unwrap().as_f64().unwrap() as i32);
        })
    };
    host.add_event_listener_with_callback("shipcheck:checked", listener.as_ref().unchecked_ref()).unwrap();

    let orders = format!("{HEADER}{}", order_paid("576461413038785211", TimeDelta::hours(2)));
    wasm_bindgen_futures::JsFuture::from(app.load(orders.into()).unwrap()).await.unwrap();
    settle().await;
    assert_eq!(checked.get(), 1, "shipcheck:checked told the host about one order");
    let report = results(&app).await.unwrap();
    let profile = js_sys::Reflect::get(&report, &"profile".into()).unwrap();
    assert_eq!(js_sys::Reflect::get(&profile, &"id".into()).unwrap().as_string().as_deref(), Some("us-local"));
    assert_eq!(js_sys::Reflect::get(&report, &"orders".into()).unwrap().unchecked_into::<js_sys::Array>().length(), 1);
    let file: web_sys::Blob = results_file(&app).await.unwrap().unchecked_into();
    assert_eq!(file.type_(), "application/json");
    let json = wasm_bindgen_futures::JsFuture::from(file.text()).await.unwrap().as_string().unwrap();
    let filed = js_sys::JSON::parse(&json).unwrap();
    assert_eq!(js_sys::Reflect::get(&filed, &"orders".into()).unwrap().unchecked_into::<js_sys::Array>().length(), 1);

    assert!(app.set_profile("no-such-preset".into()).is_err(), "an unusable profile is refused");
    app.set_profile("uk-eu".into()).unwrap();
    settle().await;
    let profile = js_sys::Reflect::get(&results(&app).await.unwrap(), &"profile".into()).unwrap();
    assert_eq!(js_sys::Reflect::get(&profile, &"id".into()).unwrap().as_string().as_deref(), Some("uk-eu"));
    assert!(app.load(JsValue::from_f64(1.0)).is_err(), "a number is not orders");

    app.set_locale("zh-CN").unwrap();
    settle().await;
    assert_eq!(text(&find(&host, "check-button")), "检查订单");
    app.unmount();
    assert!(app.results().is_err(), "an unmounted app says so");
}

#[wasm_bindgen_test]
async fn two_apps_on_one_page_keep_their_own_orders_and_language() {
    let (first, second) = (host(), host());
    let a = mount_app(&first, options(&[("locale", "en")]));
    let b = mount_app(&second, options(&[("locale", "zh-CN")]));
    click(&first, "sample-button");
    settle().await;
    assert!(count(&first, "order-row") > 0);
    assert_eq!(count(&second, "order-row"), 0, "the second app saw nothing of the first one's orders");
    assert_eq!(text(&find(&second, "check-button")), "检查订单");
    assert_eq!(text(&find(&first, "check-button")), "Check orders");
    a.unmount();
    assert_eq!(text(&find(&second, "check-button")), "检查订单", "unmounting one leaves the other");
    b.unmount();
}

/// Heap bytes in use, counted by this test binary's allocator: unlike the size of linear memory,
/// which only grows and moves in 64 KiB pages, this shows a leak of a few bytes.
mod live_heap {
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::sync::atomic::{AtomicIsize, Ordering};

    static LIVE: AtomicIsize = AtomicIsize::new(0);

    pub fn bytes() -> isize {
        LIVE.load(Ordering::Relaxed)
    }

    struct Counting;

    // SAFETY: every call is passed on unchanged to the system allocator; only sizes are counted.
    unsafe impl GlobalAlloc for Counting {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            LIVE.fetch_add(layout.size() as isize, Ordering::Relaxed);
            System.alloc(layout)
        }
        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            LIVE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
            System.dealloc(ptr, layout)
        }
        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            LIVE.fetch_add(new_size as isize - layout.size() as isize, Ordering::Relaxed);
            System.realloc(ptr, layout, new_size)
        }
    }

    #[global_allocator]
    static COUNTING: Counting = Counting;
}

/// Runs JavaScript's collector (webdriver.json exposes `gc`), then lets the finalisers that free
/// the Rust side of dropped closures run.
async fn collect_garbage() {
    let gc = js_sys::Reflect::get(&js_sys::global(), &"gc".into()).unwrap();
    gc.unchecked_into::<js_sys::Function>().call0(&JsValue::NULL).unwrap();
    TimeoutFuture::new(100).await;
}

#[wasm_bindgen_test]
async fn mounting_and_unmounting_a_hundred_times_leaks_nothing() {
    let orders: String = std::iter::once(HEADER.to_owned())
        .chain((0..50).map(|i| order_paid(&format!("5764614130{i:08}"), TimeDelta::hours(i % 60))))
        .collect();
    // Each cycle does what a host and a seller do: mount, load orders, open the settings, unmount.
    let cycle = || async {
        let host = host();
        let app = start(&host);
        wasm_bindgen_futures::JsFuture::from(app.load(orders.as_str().into()).unwrap()).await.unwrap();
        TimeoutFuture::new(1).await;
        assert!(count(&host, "order-row") > 0);
        click(&host, "settings-open");
        TimeoutFuture::new(1).await;
        app.unmount();
        host.remove();
    };
    // The first cycles fill what lives as long as the module: caches, the reactive arena's slots.
    for _ in 0..5 {
        cycle().await;
    }
    collect_garbage().await;
    let before = live_heap::bytes();
    for _ in 0..100 {
        cycle().await;
    }
    collect_garbage().await;
    let after = live_heap::bytes();
    web_sys::console::log_1(&format!("live heap: {before} bytes before 100 more cycles, {after} after").into());
    // 50 checked orders hold tens of kilobytes while mounted; anything kept per mount, even 40
    // bytes, would show here 100 times over. The slack is for one-off buffer growth.
    assert!(after - before <= 4096, "the heap grew by {} bytes over 100 cycles", after - before);
}
