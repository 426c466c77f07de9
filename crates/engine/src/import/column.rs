//! The columns an export's header names: every name each is known by, in the Seller Center
//! export, the Open API and the languages sellers write, and where each sits in one file.
//!
//! Apart from the reading itself because it is a table of names, long and read by people: where
//! a name comes from is said beside it.

use serde::Serialize;

use super::ColumnMapping;

/// The export columns the rules read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Column {
    OrderId,
    OrderStatus,
    CreatedTime,
    PaidTime,
    RtsTime,
    ShippedTime,
    CollectionTime,
    DeliveredTime,
    CancelledTime,
    CancelBy,
    TrackingId,
    ShippingProvider,
    Country,
    Warehouse,
    SellerSku,
    ProductName,
    Variation,
    Quantity,
    RtsSlaTime,
    TtsSlaTime,
    ShippingDueTime,
    CollectionDueTime,
    DeliveryDueTime,
    DeliverySlaTime,
    OrderSubstatus,
    CancelReason,
    FulfillmentType,
    ShippingType,
    DeliveryOption,
    DeliveryOptionType,
    OrderType,
    HandlingDays,
    ReleaseTime,
    AwaitingShipmentTime,
    SampleOrder,
    PackageId,
    DeliveryRequiredTime,
    CancelSlaTime,
    PickUpCutOffTime,
    Shop,
}

impl Column {
    pub(super) const ALL: [Column; 40] = [
        Column::OrderId,
        Column::OrderStatus,
        Column::CreatedTime,
        Column::PaidTime,
        Column::RtsTime,
        Column::ShippedTime,
        Column::CollectionTime,
        Column::DeliveredTime,
        Column::CancelledTime,
        Column::CancelBy,
        Column::TrackingId,
        Column::ShippingProvider,
        Column::Country,
        Column::Warehouse,
        Column::SellerSku,
        Column::ProductName,
        Column::Variation,
        Column::Quantity,
        Column::RtsSlaTime,
        Column::TtsSlaTime,
        Column::ShippingDueTime,
        Column::CollectionDueTime,
        Column::DeliveryDueTime,
        Column::DeliverySlaTime,
        Column::OrderSubstatus,
        Column::CancelReason,
        Column::FulfillmentType,
        Column::ShippingType,
        Column::DeliveryOption,
        Column::DeliveryOptionType,
        Column::OrderType,
        Column::HandlingDays,
        Column::ReleaseTime,
        Column::AwaitingShipmentTime,
        Column::SampleOrder,
        Column::PackageId,
        Column::DeliveryRequiredTime,
        Column::CancelSlaTime,
        Column::PickUpCutOffTime,
        Column::Shop,
    ];

    /// Columns holding timestamps.
    pub(super) const TIMES: [Column; 18] = [
        Column::CreatedTime,
        Column::PaidTime,
        Column::RtsTime,
        Column::ShippedTime,
        Column::CollectionTime,
        Column::DeliveredTime,
        Column::CancelledTime,
        Column::RtsSlaTime,
        Column::TtsSlaTime,
        Column::ShippingDueTime,
        Column::CollectionDueTime,
        Column::DeliveryDueTime,
        Column::DeliverySlaTime,
        Column::ReleaseTime,
        Column::AwaitingShipmentTime,
        Column::DeliveryRequiredTime,
        Column::CancelSlaTime,
        Column::PickUpCutOffTime,
    ];

    /// The deadlines the platform itself sets ([`crate::order::PlatformDeadlines`]): Open API
    /// fields, which Seller Center's exports do not have.
    pub(super) const PLATFORM_DEADLINES: [Column; 9] = [
        Column::RtsSlaTime,
        Column::TtsSlaTime,
        Column::ShippingDueTime,
        Column::CollectionDueTime,
        Column::DeliveryDueTime,
        Column::DeliverySlaTime,
        Column::DeliveryRequiredTime,
        Column::CancelSlaTime,
        Column::PickUpCutOffTime,
    ];

    /// Columns whose absence the import summary reports: the ones the rules lean on.
    pub(super) const REPORTED_WHEN_MISSING: [Column; 6] = [
        Column::PaidTime,
        Column::ShippedTime,
        Column::TrackingId,
        Column::ShippingProvider,
        Column::OrderStatus,
        Column::DeliveredTime,
    ];

    /// The Seller Center export's English header (or, for the platform's deadlines, the Open
    /// API's field name).
    pub fn header(self) -> &'static str {
        self.names()[0]
    }

    /// The header a Chinese export gives the column, where it has one; else [`Column::header`].
    pub fn header_zh(self) -> &'static str {
        let chinese = |name: &&&str| name.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        self.names().iter().find(chinese).copied().unwrap_or(self.header())
    }

    /// Every header this column is recognised by, compared on letters and digits alone (so
    /// `Order ID`, `order_id` and `ORDER-ID` are one name): the Seller Center export's English
    /// header first, then the Open API's field name where it has one, then common names.
    ///
    /// Where the names come from: the English headers from the Seller Center export itself (see
    /// PRODUCT.md; the full header row is also quoted at amz123.com/guide/worldfirst/pcZeahOp);
    /// the Open API names from its order list/detail responses. The Chinese Seller Center's own
    /// words for three of them, 订单ID, 物流单号 and 物流承运商, from its order guide
    /// (keyouyun.com, "订单状态查看和发货操作"). No localised *export* header row (Chinese,
    /// Indonesian, Vietnamese, Thai, Portuguese, Spanish) could be found in a public source, so
    /// the other non-English names are the everyday words for each field in those languages, as
    /// order sheets and ERPs write them, not verified headers; a header none of them matches is
    /// mapped by hand once and remembered ([`ColumnMapping`]).
    pub(super) fn names(self) -> &'static [&'static str] {
        match self {
            Column::OrderId => &[
                "Order ID",
                "order_id",
                "id",
                "Order Number",
                "Order No",
                "order_sn",
                "订单ID",
                "订单号",
                "订单编号",
                "ID Pesanan",
                "No. Pesanan",
                "Mã đơn hàng",
                "หมายเลขคำสั่งซื้อ",
                "ID do pedido",
                "Número do pedido",
                "ID del pedido",
                "Número de pedido",
            ],
            Column::OrderStatus => &[
                "Order Status",
                "status",
                "订单状态",
                "Status Pesanan",
                "Trạng thái đơn hàng",
                "สถานะคำสั่งซื้อ",
                "Status do pedido",
                "Estado del pedido",
            ],
            Column::CreatedTime => &[
                "Created Time",
                "create_time",
                "Order Date",
                "Created At",
                "创建时间",
                "下单时间",
                "Waktu Pesanan Dibuat",
                "Waktu Dibuat",
                "Thời gian tạo đơn",
                "Thời gian tạo",
                "เวลาที่สร้าง",
                "Data de criação",
                "Hora de criação",
                "Fecha de creación",
                "Hora de creación",
            ],
            Column::PaidTime => &[
                "Paid Time",
                "paid_time",
                "Payment Time",
                "Paid At",
                "付款时间",
                "支付时间",
                "Waktu Pembayaran",
                "Waktu Dibayar",
                "Thời gian thanh toán",
                "เวลาชำระเงิน",
                "Data de pagamento",
                "Hora do pagamento",
                "Fecha de pago",
                "Hora de pago",
            ],
            Column::RtsTime => &["RTS Time", "rts_time", "Ready to Ship Time"],
            Column::ShippedTime => &[
                "Shipped Time",
                "shipping_time",
                "Ship Date",
                "Shipped At",
                "发货时间",
                "Waktu Pengiriman",
                "Waktu Dikirim",
                "Thời gian giao hàng",
                "เวลาจัดส่ง",
                "Data de envio",
                "Hora de envio",
                "Fecha de envío",
                "Hora de envío",
            ],
            Column::CollectionTime => &["Collection Time", "collection_time", "Pickup Time", "揽收时间"],
            Column::DeliveredTime => &[
                "Delivered Time",
                "delivery_time",
                "Delivery Date",
                "Delivered At",
                "送达时间",
                "签收时间",
                "Waktu Diterima",
                "Thời gian nhận hàng",
                "เวลาที่ได้รับ",
                "Data de entrega",
                "Fecha de entrega",
            ],
            Column::CancelledTime => &["Cancelled Time", "cancel_time", "Canceled Time", "取消时间"],
            Column::CancelBy => &["Cancel By", "cancel_user", "cancellation_initiator", "取消方"],
            Column::TrackingId => &[
                "Tracking ID",
                "tracking_number",
                "Tracking No",
                "Tracking Code",
                "Waybill Number",
                "AWB",
                "物流单号",
                "运单号",
                "快递单号",
                "追踪号",
                "Nomor Resi",
                "No. Resi",
                "Mã vận đơn",
                "หมายเลขติดตามพัสดุ",
                "Código de rastreio",
                "Código de rastreamento",
                "Número de seguimiento",
            ],
            Column::ShippingProvider => &[
                "Shipping Provider Name",
                "shipping_provider",
                "shipping_provider_name",
                "Carrier",
                "Shipping Carrier",
                "Courier",
                "物流承运商",
                "物流商",
                "承运商",
                "物流公司",
                "快递公司",
                "Jasa Kirim",
                "Kurir",
                "Đơn vị vận chuyển",
                "ผู้ให้บริการขนส่ง",
                "Transportadora",
                "Transportista",
                "Empresa de transporte",
            ],
            Column::Country => &["Country", "region_code", "国家", "Negara", "Quốc gia", "ประเทศ", "País"],
            Column::Warehouse => &["Warehouse Name", "warehouse_name", "warehouse_id", "Warehouse", "仓库", "仓库名称"],
            // Not in a single shop's export: a column sellers add when they put several shops'
            // orders in one sheet, under one of these everyday names.
            Column::Shop => &[
                "Shop Name",
                "shop_name",
                "Shop",
                "Store Name",
                "Store",
                "店铺名称",
                "店铺",
                "Nama Toko",
                "Tên cửa hàng",
                "ชื่อร้านค้า",
                "Nome da loja",
                "Nombre de la tienda",
            ],
            Column::SellerSku => &[
                "Seller SKU",
                "seller_sku",
                "SKU",
                "卖家SKU",
                "商家SKU",
                "SKU Penjual",
                "SKU người bán",
                "SKU ผู้ขาย",
                "SKU do vendedor",
                "SKU del vendedor",
            ],
            Column::ProductName => &[
                "Product Name",
                "product_name",
                "商品名称",
                "Nama Produk",
                "Tên sản phẩm",
                "ชื่อสินค้า",
                "Nome do produto",
                "Nombre del producto",
            ],
            Column::Variation => &[
                "Variation",
                "sku_name",
                "规格",
                "商品规格",
                "Variasi",
                "Phân loại hàng",
                "ตัวเลือกสินค้า",
                "Variação",
                "Variación",
            ],
            Column::Quantity => {
                &["Quantity", "quantity", "Qty", "数量", "Jumlah", "Số lượng", "จำนวน", "Quantidade", "Cantidad"]
            }
            Column::RtsSlaTime => &["rts_sla_time"],
            Column::TtsSlaTime => &["tts_sla_time"],
            Column::ShippingDueTime => &["shipping_due_time"],
            Column::CollectionDueTime => &["collection_due_time"],
            Column::DeliveryDueTime => &["delivery_due_time"],
            Column::DeliverySlaTime => &["delivery_sla_time"],
            Column::OrderSubstatus => &["Order Substatus", "substatus"],
            Column::CancelReason => &["Cancel Reason", "cancel_reason", "取消原因"],
            Column::FulfillmentType => &["Fulfillment Type", "fulfillment_type", "Fulfilment Type"],
            Column::ShippingType => &["shipping_type", "Shipping Type"],
            Column::DeliveryOption => &["Delivery Option", "delivery_option_name", "delivery_option"],
            Column::DeliveryOptionType => &["Delivery Option Type"],
            Column::OrderType => &["Normal or Pre-order", "order_type"],
            // The Open API's `handling_duration: {days, type}`, read as `handling_duration_days`.
            Column::HandlingDays => &["Handling Duration", "handling_duration_days", "handling_days"],
            Column::ReleaseTime => &["release_date", "Release Date"],
            // Not a Seller Center column: for ERPs that record when each status began.
            Column::AwaitingShipmentTime => &["Awaiting Shipment Time", "awaiting_shipment_time"],
            Column::SampleOrder => &["is_sample_order", "Sample Order"],
            Column::PackageId => &["Package ID", "package_id"],
            Column::DeliveryRequiredTime => &["delivery_option_required_delivery_time"],
            Column::CancelSlaTime => &["cancel_order_sla_time"],
            Column::PickUpCutOffTime => &["pick_up_cut_off_time"],
        }
    }

    /// Headers of the Seller Center export that ShipCheck knows and does not need: prices,
    /// buyer and address details, and the like (the 2026 US export has 63 columns, VN adds its
    /// address levels). A header neither these nor a [`Column`] is listed in the file's summary
    /// as not recognised.
    const KNOWN_UNREAD: [&'static str; 47] = [
        "SKU ID",
        "Product ID",
        "Virtual Bundle Seller SKU",
        "Sku Quantity of return",
        "SKU Unit Original Price",
        "SKU Subtotal Before Discount",
        "SKU Platform Discount",
        "SKU Seller Discount",
        "SKU Subtotal After Discount",
        "Shipping Fee After Discount",
        "Original Shipping Fee",
        "Shipping Fee Seller Discount",
        "Co-Funded Shipping Fee Discount",
        "Shipping Fee Platform Discount",
        "Payment platform discount",
        "Retail Delivery Fee",
        "Taxes",
        "Order Amount",
        "Order Refund Amount",
        "Cancelation/Return Type",
        "Buyer Message",
        "Buyer Nickname",
        "Buyer Username",
        "Recipient",
        "Phone #",
        "State",
        "City",
        "Zipcode",
        "Address Line 1",
        "Address Line 2",
        "Detail Address",
        "Additional address information",
        "House Name or Number",
        "Province",
        "District",
        "Commune",
        "Delivery Instruction",
        "Payment Method",
        "Weight(kg)",
        "Product Category",
        "Seller Note",
        "Shipping Information",
        "Combined Listing",
        "Order Channel",
        "Creator Handle",
        "Checked Status",
        "Checked Marked by",
    ];

    /// Whether a header is one ShipCheck knows: a column it reads, or one it leaves.
    pub(super) fn known(header: &str) -> bool {
        Column::named(header).is_some() || Column::KNOWN_UNREAD.iter().any(|name| crate::names::same_name(header, name))
    }

    /// The columns a file must have: Order ID, and a time to start the clock from.
    pub const NEEDED: [Column; 3] = [Column::OrderId, Column::PaidTime, Column::CreatedTime];

    /// The column a header or JSON key names.
    pub fn named(name: &str) -> Option<Column> {
        Column::ALL.into_iter().find(|c| c.matches(name))
    }

    fn matches(self, header: &str) -> bool {
        // NULs between the letters are UTF-16 read without its byte-order mark: matching the
        // letters would read garbage rows, so the seller is asked for the encoding instead.
        !header.contains('\0') && self.names().iter().any(|name| crate::names::same_name(header, name))
    }
}

/// Where each column sits in one file's header.
#[derive(Clone)]
pub(super) struct ColumnMap(pub(super) [Option<usize>; Column::ALL.len()]);

impl ColumnMap {
    /// Finds each column by its known names, after the seller's own choices for this header.
    pub(super) fn from_header(header: &[String], mappings: &[ColumnMapping]) -> ColumnMap {
        let chosen = mappings.iter().find(|m| m.header == header);
        ColumnMap(Column::ALL.map(|column| {
            let mapped = chosen.and_then(|m| m.columns.iter().find(|(c, _)| *c == column));
            match mapped {
                Some((_, name)) => header.iter().position(|h| h == name),
                None => header.iter().position(|h| column.matches(h)),
            }
        }))
    }

    pub(super) fn get(&self, column: Column) -> Option<usize> {
        self.0[column as usize]
    }

    /// Whether the file has any of `columns`.
    pub(super) fn has_any(&self, columns: &[Column]) -> bool {
        columns.iter().any(|&column| self.get(column).is_some())
    }
}
