//! The bulk tracking upload, checked before it is sent: the seller picks the file they are about
//! to give Seller Center; the worker checks each row against the orders shown and the rules; the
//! page says how many rows are ready, lists the ones to fix with why, and offers the corrected
//! file (ready rows in the template, the rows to fix set apart).

use leptos::prelude::*;

use super::i18n::t;
use super::{download, Controls};
use crate::engine::protocol::Response;
use crate::engine::upload_check::{UploadView, ROWS_TO_FIX_SHOWN};

#[component]
pub fn UploadCheck() -> impl IntoView {
    let controls = expect_context::<Controls>();
    let result = RwSignal::new(None::<Result<UploadView, (String, String)>>);
    let pick = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
        input.set_value("");
        leptos::task::spawn_local(async move {
            let answer = match controls.upload_check(file).await {
                Response::Upload(view) => Ok(*view),
                Response::Failed(failure) => Err((failure.message, failure.message_zh)),
                _ => return,
            };
            let _ = result.try_set(Some(answer));
        });
    };
    let shown = move || {
        result.get().map(|answer| match answer {
            Err((message, message_zh)) => {
                let message = move || controls.locale.get().pick(&message, &message_zh).to_owned();
                view! { <p class="sc-error" role="alert" data-testid="upload-error">{message}</p> }.into_any()
            }
            Ok(view) => view! { <UploadResult view /> }.into_any(),
        })
    };
    view! {
        <div class="sc-upload" data-testid="upload-check">
            <label class="sc-file-button" title=move || t().upload_check_hint>
                {move || t().upload_check}
                <input type="file" accept=".csv,.tsv,.txt,.xlsx,text/csv" data-testid="upload-input" on:change=pick />
            </label>
            {shown}
            <button
                class="sc-link"
                data-testid="upload-close"
                hidden=move || result.with(Option::is_none)
                on:click=move |_| result.set(None)
            >{move || t().close}</button>
        </div>
    }
}

#[component]
fn UploadResult(view: UploadView) -> impl IntoView {
    let controls = expect_context::<Controls>();
    let UploadView { rows, ready, urgent, to_fix, to_fix_first, corrected_csv } = view;
    let summary = move || (t().upload_summary)(rows, ready, urgent, to_fix);
    let save = move |_| download::save("shipcheck-upload-corrected.csv", "text/csv;charset=utf-8", &corrected_csv);
    let cut = to_fix > ROWS_TO_FIX_SHOWN;
    view! {
        <p role="status" data-testid="upload-summary">{summary}</p>
        <p class="sc-note" hidden=move || to_fix > 0>{move || t().upload_all_ready}</p>
        <ul class="sc-upload-problems">
            {to_fix_first.into_iter().map(|row| {
                let line = row.line;
                let order = row.order_id.clone();
                let problems = move || {
                    let chinese = controls.locale.get() == super::i18n::Locale::Zh;
                    let said: Vec<&str> = row.problems.iter().map(|p| if chinese { p.message_zh.as_str() } else { p.message.as_str() }).collect();
                    said.join(if chinese { "；" } else { "; " })
                };
                view! {
                    <li data-testid="upload-problem">
                        <span class="sc-mono">{move || (t().line)(line)}" · "{order.clone()}</span>
                        {move || t().colon}{problems}
                    </li>
                }
            }).collect_view()}
        </ul>
        <p class="sc-note" hidden=move || !cut>{move || (t().upload_first_shown)(ROWS_TO_FIX_SHOWN)}</p>
        <button data-testid="upload-download" on:click=save>{move || t().upload_download}</button>
    }
}
