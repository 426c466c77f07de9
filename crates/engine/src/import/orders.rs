//! Rows into orders: one row read as an order of its own, then added to the order of its Order
//! ID, a later SKU line adding its line and filling what earlier ones left empty.
//!
//! Apart from the reading of files because it is where an order's meaning is decided: which row's
//! word stands when rows disagree, when a later export replaces an earlier one, how a split
//! order's packages are kept. The reading ([`super::Importer::read_piece`]) only finds the rows.

use chrono::{DateTime, Utc};

use super::super::excel::is_scientific_notation;
use super::super::order::{
    is_express, CancelledBy, Fulfillment, Order, OrderKind, OrderStatus, OrderTerms, PlatformDeadlines, Shipping,
    SkuLine, Text, TextPool,
};
use super::super::timestamp::{date_order_hint, parse_timestamp, DateOrderHint};
use super::super::zone::Zone;
use super::{
    Column, ColumnMap, DateOrders, ImportOptions, Importer, Remark, Row, RowNote, RowProblem, IN_SEVERAL_FILES,
};

impl Importer {
    /// One row as an order of its own, its repeated texts taken from `texts`; with its text,
    /// where that was found to be UTF-8 already. The cells are read in the columns' order, so the
    /// first bad cell of a row is the one reported.
    pub(super) fn read_row(
        options: &ImportOptions,
        texts: &mut TextPool,
        previous: &mut PreviousRow,
        columns: &ColumnMap,
        orders: &DateOrders,
        (record, row_text): (&Row, Option<&str>),
    ) -> Result<(Order, Option<Remark>), RowProblem> {
        // The row's text is checked once, not cell by cell: cells end at ASCII delimiters, so
        // each cell of text that is UTF-8 is too. Where it is not, the cells say which is not.
        let row_text = row_text.or_else(|| std::str::from_utf8(record.text()).ok());
        let mut cells = Cells { options, texts, previous, columns, orders, record, row_text };
        let id = cells.order_id()?;
        let status = cells.status()?;
        let (line, remark) = cells.sku_line()?;
        let (created, paid, rts, shipped) = (
            cells.time(Column::CreatedTime)?,
            cells.time(Column::PaidTime)?,
            cells.time(Column::RtsTime)?,
            cells.time(Column::ShippedTime)?,
        );
        let (collected, delivered, cancelled) = (
            cells.time(Column::CollectionTime)?,
            cells.time(Column::DeliveredTime)?,
            cells.time(Column::CancelledTime)?,
        );
        // A value outside the known parties is kept as unknown: it decides only whether a
        // cancellation is the seller's fault, and unknown is not counted as such.
        let cancelled_by = cells.cell(Column::CancelBy)?.and_then(CancelledBy::parse);
        let (tracking_id, carrier, country, warehouse, shop) = (
            cells.repeated(Column::TrackingId, |row| &mut row.tracking_id)?,
            cells.text(Column::ShippingProvider)?,
            cells.text(Column::Country)?,
            cells.text(Column::Warehouse)?,
            cells.text(Column::Shop)?,
        );
        let platform = cells.platform_deadlines()?;
        let terms = cells.terms()?;
        let delivery_option = [cells.cell(Column::DeliveryOption)?, cells.cell(Column::DeliveryOptionType)?];
        let shipping = cells.cell(Column::ShippingType)?.or(delivery_option[1]).and_then(Shipping::parse);
        let order = Order {
            id,
            line: 0,
            status,
            created,
            paid,
            rts,
            shipped,
            collected,
            delivered,
            cancelled,
            cancelled_by,
            tracking_id,
            carrier,
            country,
            warehouse,
            shop,
            lines: line.into_iter().collect(),
            package_id: cells.repeated(Column::PackageId, |row| &mut row.package_id)?,
            fulfillment: cells.cell(Column::FulfillmentType)?.and_then(Fulfillment::parse).unwrap_or_default(),
            shipping: shipping.unwrap_or_default(),
            kind: cells.cell(Column::OrderType)?.and_then(OrderKind::parse).unwrap_or_default(),
            express: cells.express(delivery_option),
            sample: cells
                .cell(Column::SampleOrder)?
                .is_some_and(|text| matches!(text, "true" | "TRUE" | "1" | "Yes" | "yes")),
            platform: (platform != PlatformDeadlines::default()).then(|| Box::new(platform)),
            terms: (terms != OrderTerms::default()).then(|| Box::new(terms)),
        };
        Ok((order, remark))
    }

    /// Adds a row to its order; a later SKU line adds its line and fills what earlier lines
    /// left empty.
    pub(super) fn add(&mut self, mut row: Order, line: u64, file: &Option<String>) {
        if row.shop.is_none() && !self.options.file_shops.is_empty() {
            row.shop = self.options.shop_of(file);
        }
        // An order's SKU lines come one after another: a row not of a new order is most often
        // of the last one, found without the index.
        let orders = &self.import.orders;
        let last = orders.len().checked_sub(1).filter(|&i| orders[i].id == row.id);
        let i = match last.map_or_else(|| self.index.find(orders, &row.id), Ok) {
            Ok(i) => i,
            Err(free) => {
                self.index.insert(free, self.import.orders.len());
                row.line = line;
                self.import.orders.push(row);
                self.order_files.push(self.import.files.len());
                return;
            }
        };
        // A later export of the same shop: the order moved on, and the later file says how.
        if self.options.later_files_win && self.order_files[i] != self.import.files.len() {
            row.line = line;
            self.import.orders[i] = row;
            self.import.orders_updated += 1;
            self.order_files[i] = self.import.files.len();
            return;
        }
        // Rows of one order in one file say the same of it; where they do not, the first row's
        // word stands, and the seller is told. (A later file may well say otherwise: the order
        // moved on.)
        if self.order_files[i] == self.import.files.len() {
            for remark in contradictions(&self.import.orders[i], &row, &self.options.time_zone) {
                self.import.notes.push(RowNote::new(file.clone(), line, &row.id, &remark));
            }
        }
        // The same order in an earlier file: the same export given twice, or overlapping ones.
        if ![self.import.files.len(), IN_SEVERAL_FILES].contains(&self.order_files[i]) {
            self.import.orders_in_several_files.push(row.id.to_string());
            self.order_files[i] = IN_SEVERAL_FILES;
        }
        fill_from(&mut self.import.orders[i], row);
    }
}

/// A later SKU line of `order`: its line added, and what the earlier lines left empty filled
/// from it.
fn fill_from(order: &mut Order, mut row: Order) {
    fn fill<T>(kept: &mut Option<T>, new: Option<T>) {
        if kept.is_none() {
            *kept = new;
        }
    }
    fill(&mut order.status, row.status);
    fill(&mut order.created, row.created);
    fill(&mut order.paid, row.paid);
    fill(&mut order.rts, row.rts);
    fill(&mut order.shipped, row.shipped);
    fill(&mut order.collected, row.collected);
    fill(&mut order.delivered, row.delivered);
    fill(&mut order.cancelled, row.cancelled);
    fill(&mut order.cancelled_by, row.cancelled_by);
    fill(&mut order.tracking_id, row.tracking_id.clone());
    fill(&mut order.carrier, row.carrier);
    fill(&mut order.country, row.country);
    fill(&mut order.warehouse, row.warehouse);
    fill(&mut order.shop, row.shop);
    match (&mut order.platform, row.platform) {
        (Some(kept), Some(new)) => {
            fill(&mut kept.rts_sla, new.rts_sla);
            fill(&mut kept.tts_sla, new.tts_sla);
            fill(&mut kept.shipping_due, new.shipping_due);
            fill(&mut kept.collection_due, new.collection_due);
            fill(&mut kept.delivery_due, new.delivery_due);
            fill(&mut kept.delivery_sla, new.delivery_sla);
            fill(&mut kept.delivery_required, new.delivery_required);
            fill(&mut kept.cancel_sla, new.cancel_sla);
            fill(&mut kept.pick_up_cut_off, new.pick_up_cut_off);
        }
        (kept, new) => fill(kept, new),
    }
    match (&mut order.terms, row.terms) {
        (Some(kept), Some(new)) => {
            fill(&mut kept.handling_days, new.handling_days);
            fill(&mut kept.release, new.release);
            fill(&mut kept.awaiting_shipment, new.awaiting_shipment);
            fill(&mut kept.cancel_reason, new.cancel_reason);
        }
        (kept, new) => fill(kept, new),
    }
    order.express |= row.express;
    order.sample |= row.sample;
    add_package(order, row.package_id, row.tracking_id);
    // Room for just the new lines: most orders have one or two, and a list grown the usual
    // way would keep room for four.
    order.lines.reserve_exact(row.lines.len());
    order.lines.append(&mut row.lines);
}

/// What `row` says of its order that the order's earlier rows said otherwise: its status (within
/// one package: a split order's packages move apart), when it was created, when it was paid.
fn contradictions(order: &Order, row: &Order, zone: &Zone) -> Vec<Remark> {
    let mut found = Vec::new();
    let one_package = row.package_id.is_none() || row.package_id == order.package_id;
    if let (Some(kept), Some(new), true) = (order.status, row.status, one_package) {
        if kept != new {
            found.push(Remark::Contradicts {
                column: Column::OrderStatus,
                kept: format!("{kept:?}"),
                new: format!("{new:?}"),
            });
        }
    }
    let shown = |at: DateTime<Utc>| zone.local(at).format("%Y-%m-%d %H:%M:%S").to_string();
    for (column, kept, new) in
        [(Column::CreatedTime, order.created, row.created), (Column::PaidTime, order.paid, row.paid)]
    {
        if let (Some(kept), Some(new)) = (kept, new) {
            if kept != new {
                found.push(Remark::Contradicts { column, kept: shown(kept), new: shown(new) });
            }
        }
    }
    found
}

/// A split order's rows name other packages (and their tracking numbers) than its first row:
/// each distinct one is kept, for the valid tracking rate, which counts packages.
pub(super) fn add_package(order: &mut Order, package: Option<Text>, tracking: Option<Text>) {
    if package.is_none() && tracking.is_none() {
        return;
    }
    let first = (order.package_id.as_ref(), order.tracking_id.as_ref());
    let same_as_first = match (&package, first.0) {
        (Some(package), Some(first)) => package == first,
        (None, _) => tracking.is_none() || tracking.as_ref() == first.1,
        (Some(_), None) => order.package_id.is_none() && tracking.as_ref() == first.1,
    };
    if same_as_first {
        if order.package_id.is_none() {
            order.package_id = package;
        }
        return;
    }
    let terms = order.terms.get_or_insert_with(Default::default);
    if !terms.more_packages.iter().any(|(p, t)| *p == package && (package.is_some() || *t == tracking)) {
        terms.more_packages.push((package, tracking));
    }
}

/// One row's cells, read as an order's fields: found by column, trimmed, and where the row
/// before had the same text, taken from it (an order's SKU lines repeat its ID, times and
/// carrier) rather than read or copied again.
struct Cells<'r> {
    options: &'r ImportOptions,
    texts: &'r mut TextPool,
    previous: &'r mut PreviousRow,
    columns: &'r ColumnMap,
    orders: &'r DateOrders,
    record: &'r Row,
    /// The row's text, when it is UTF-8.
    row_text: Option<&'r str>,
}

impl<'r> Cells<'r> {
    /// The column's cell, trimmed; `None` when the file has no such column or the cell is empty.
    fn cell(&self, column: Column) -> Result<Option<&'r str>, RowProblem> {
        let Some(span) = self.columns.get(column).and_then(|i| self.record.span(i)) else {
            return Ok(None);
        };
        let text = match self.row_text {
            Some(text) => text.get(span),
            None => std::str::from_utf8(&self.record.text()[span]).ok(),
        };
        let text = trim(text.ok_or(RowProblem::NotText(column))?);
        Ok((!text.is_empty()).then_some(text))
    }

    /// The cell as a shared text: the row before's if it is the same (exports sort by order,
    /// and an order's rows, a day's orders, share carrier, country and warehouse), else the
    /// pool's.
    fn text(&mut self, column: Column) -> Result<Option<Text>, RowProblem> {
        let Some(text) = self.cell(column)? else { return Ok(None) };
        let texts = &mut self.texts;
        Ok(Some(same_again(&mut self.previous.texts[column as usize], text, |t| texts.get(t))))
    }

    /// The cell as a time, read in the zone and date order of the file's column; the row
    /// before's when its text is the same.
    fn time(&mut self, column: Column) -> Result<Option<DateTime<Utc>>, RowProblem> {
        let Some(text) = self.cell(column)? else { return Ok(None) };
        let (last_text, last) = &mut self.previous.times[column as usize];
        if *last_text == text.as_bytes() {
            return Ok(*last);
        }
        let order = self.orders.get(column);
        let at = parse_timestamp(text, &self.options.time_zone, order).map_err(|error| RowProblem::NotATime {
            column,
            error,
            read_as: (date_order_hint(text) != DateOrderHint::NotSlashed).then_some(order),
        })?;
        last_text.clear();
        last_text.extend_from_slice(text.as_bytes());
        *last = at;
        Ok(at)
    }

    /// The cell as the text the row before kept where `kept` says, if it is the same: what an
    /// order's next row repeats (its tracking number, its package), kept apart from the pool, as
    /// each is one order's.
    fn repeated(
        &mut self,
        column: Column,
        kept: impl FnOnce(&mut PreviousRow) -> &mut Option<Text>,
    ) -> Result<Option<Text>, RowProblem> {
        let Some(text) = self.cell(column)? else { return Ok(None) };
        Ok(Some(same_again(kept(self.previous), text, Text::from)))
    }

    /// The Order ID: there, printable, and not rounded by a spreadsheet.
    fn order_id(&mut self) -> Result<Text, RowProblem> {
        let id = self.cell(Column::OrderId)?.ok_or(RowProblem::NoOrderId)?;
        if id.chars().any(char::is_control) {
            return Err(RowProblem::OrderIdNotPrintable(id.to_owned()));
        }
        if is_scientific_notation(id) {
            return Err(RowProblem::RoundedOrderId(id.to_owned()));
        }
        Ok(same_again(&mut self.previous.id, id, Text::from))
    }

    fn status(&self) -> Result<Option<OrderStatus>, RowProblem> {
        let status = match self.cell(Column::OrderStatus)? {
            None => None,
            Some(text) => Some(OrderStatus::parse(text).ok_or_else(|| RowProblem::UnknownStatus(text.to_owned()))?),
        };
        // The substatus says more ("To ship" is awaiting shipment or awaiting collection); one
        // ShipCheck cannot read leaves the status to decide.
        Ok(self.cell(Column::OrderSubstatus)?.and_then(OrderStatus::parse).or(status))
    }

    /// The row's SKU line, if it names a SKU or product. An unreadable quantity costs the line,
    /// not the order (the order's deadlines do not depend on it), and is remarked on.
    fn sku_line(&mut self) -> Result<(Option<SkuLine>, Option<Remark>), RowProblem> {
        let (quantity, remark) = match self.cell(Column::Quantity)? {
            None => (Some(1), None),
            Some(text) => match text.parse() {
                Ok(quantity) => (Some(quantity), None),
                Err(_) => (None, Some(Remark::QuantityNotRead(text.to_owned()))),
            },
        };
        let sku = self.text(Column::SellerSku)?;
        let product = self.text(Column::ProductName)?;
        let variation = self.text(Column::Variation).ok().flatten();
        let has_line = sku.is_some() || product.is_some();
        let line = quantity.filter(|_| has_line).map(|quantity| SkuLine {
            sku: sku.unwrap_or_default(),
            product: product.unwrap_or_default(),
            variation: variation.unwrap_or_default(),
            quantity,
        });
        Ok((line, remark.filter(|_| has_line)))
    }

    /// The deadlines the Open API gives. An export has none of these: its rows do not look for
    /// nine cells one by one.
    fn platform_deadlines(&mut self) -> Result<PlatformDeadlines, RowProblem> {
        if !self.columns.has_any(&Column::PLATFORM_DEADLINES) {
            return Ok(PlatformDeadlines::default());
        }
        Ok(PlatformDeadlines {
            rts_sla: self.time(Column::RtsSlaTime)?,
            tts_sla: self.time(Column::TtsSlaTime)?,
            shipping_due: self.time(Column::ShippingDueTime)?,
            collection_due: self.time(Column::CollectionDueTime)?,
            delivery_due: self.time(Column::DeliveryDueTime)?,
            delivery_sla: self.time(Column::DeliverySlaTime)?,
            delivery_required: self.time(Column::DeliveryRequiredTime)?,
            cancel_sla: self.time(Column::CancelSlaTime)?,
            pick_up_cut_off: self.time(Column::PickUpCutOffTime)?,
        })
    }

    /// What only some orders have: a handling time of their own, a release, a cancellation's
    /// reason.
    fn terms(&mut self) -> Result<OrderTerms, RowProblem> {
        let handling_days = match self.cell(Column::HandlingDays)? {
            None => None,
            Some(text) => Some(
                text.parse()
                    .map_err(|_| RowProblem::NotANumber { column: Column::HandlingDays, text: text.to_owned() })?,
            ),
        };
        Ok(OrderTerms {
            handling_days,
            release: self.time(Column::ReleaseTime)?,
            awaiting_shipment: self.time(Column::AwaitingShipmentTime)?,
            more_packages: Vec::new(),
            cancel_reason: self.text(Column::CancelReason)?,
        })
    }

    /// Whether either delivery option column says express, each judged once while it repeats.
    fn express(&mut self, delivery_option: [Option<&str>; 2]) -> bool {
        delivery_option
            .into_iter()
            .zip(&mut self.previous.express)
            .any(|(text, last)| text.is_some_and(|t| express_again(last, t)))
    }
}

/// What the previous row read, for an order's SKU lines, which repeat its ID, tracking number
/// and times: what is the same again is taken from here rather than read (or copied) again. It
/// belongs to one reading of one file's rows, whose time columns each have their date order.
pub(super) struct PreviousRow {
    id: Option<Text>,
    tracking_id: Option<Text>,
    package_id: Option<Text>,
    /// For each text column, by [`Column`], the last text read.
    texts: [Option<Text>; Column::ALL.len()],
    /// For each time column, by [`Column`], the last text read and the time it gave.
    times: [(Vec<u8>, Option<DateTime<Utc>>); Column::ALL.len()],
    /// For the two delivery option columns, the last text read and whether it is express.
    express: [(String, bool); 2],
}

impl Default for PreviousRow {
    fn default() -> PreviousRow {
        PreviousRow {
            id: None,
            tracking_id: None,
            package_id: None,
            texts: std::array::from_fn(|_| None),
            times: std::array::from_fn(|_| (Vec::new(), None)),
            express: Default::default(),
        }
    }
}

/// `text` without the white space around it, as [`str::trim`] gives it. A cell that starts and
/// ends with an ASCII character that is not white space, as most do, is passed through; one
/// that does not has its ASCII white space taken off a byte at a time (the 2026 US export
/// ends every cell with a tab), and only what then starts or ends with another character, one
/// that might be Unicode white space, is trimmed character by character.
fn trim(text: &str) -> &str {
    let plain = |byte: Option<&u8>| byte.is_some_and(|&b| b.is_ascii() && !char::from(b).is_whitespace());
    let kept = |text: &str| plain(text.as_bytes().first()) && plain(text.as_bytes().last());
    if kept(text) {
        return text;
    }
    let text = text.trim_ascii();
    if kept(text) {
        text
    } else {
        text.trim()
    }
}

/// Whether a delivery option is express, as for the row before if it is the same text (an
/// export's rows nearly all name one or two), else looked at and kept.
fn express_again(kept: &mut (String, bool), text: &str) -> bool {
    let (last, express) = kept;
    if last != text {
        last.clear();
        last.push_str(text);
        *express = is_express(text);
    }
    *express
}

/// `text`, as the one kept in `kept` if that is the same, else as `new` makes it, then kept.
fn same_again<'t>(kept: &mut Option<Text>, text: &'t str, new: impl FnOnce(&'t str) -> Text) -> Text {
    match kept {
        Some(same) if **same == *text => same.clone(),
        _ => kept.insert(new(text)).clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_is_trimmed_of_what_str_trim_trims_and_no_more() {
        let tab_ended = ["a\t", "\t\t", "\ta\u{3000}\t", "\t\u{b}a\t", "\u{85}a\t", "已发货\t", "\r\na b\x0c"];
        let others =
            ["", " ", "a", " a\t", "\u{b}a\u{b}", "a\u{a0}", "\u{3000}已发货", "x\u{1f}", "Fulfillment by seller"];
        for text in tab_ended.into_iter().chain(others) {
            assert_eq!(trim(text), text.trim(), "{text:?}");
        }
    }
}
