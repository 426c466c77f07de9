//! Carriers, the names exports use for them, and what their numbers look like.
//!
//! Sellers type provider names every way ("USPS", "United States Postal Service", "云途"), so
//! each carrier lists its aliases, the spellings of TikTok Shop's US provider list among them
//! ("Spee-Dee Delivery", "GLS US", "DHL eCommerce": the list sellers' tools must match exactly,
//! knowledgebase.skuiq.com, "How do I select a logistics service in TikTok Shop", secondary).
//! Postal operators issue UPU S10 numbers ending in their country code.
//!
//! How far a carrier's numbers can be judged differs, and the table says so:
//! - `strict`: the formats here are the carrier's own specification (UPS, USPS, FedEx, DHL
//!   Express, the S10 standard of postal services): a number that fits none of them, or another
//!   carrier's, is wrong for it;
//! - loose: the formats are the shapes its numbers are known to take, from public pattern lists
//!   rather than a specification (consolidators and regional carriers, who also hand over
//!   last-mile numbers): a number that fits them is valid, one that does not is not judged;
//! - `published: false`: no format at all is known; its numbers are neither accepted nor
//!   rejected on format.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::names::name_key;

pub struct CarrierInfo {
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    /// Country codes of the S10 numbers this postal operator issues.
    pub s10_countries: &'static [&'static str],
    /// Whether any number format of the carrier is known.
    pub published: bool,
    /// Whether its formats are its own specification, so that a number fitting none of them
    /// is not its number.
    pub strict: bool,
}

const fn carrier(name: &'static str, aliases: &'static [&'static str]) -> CarrierInfo {
    CarrierInfo { name, aliases, s10_countries: &[], published: true, strict: true }
}

const fn loose(name: &'static str, aliases: &'static [&'static str]) -> CarrierInfo {
    CarrierInfo { name, aliases, s10_countries: &[], published: true, strict: false }
}

const fn post(name: &'static str, aliases: &'static [&'static str], countries: &'static [&'static str]) -> CarrierInfo {
    CarrierInfo { name, aliases, s10_countries: countries, published: true, strict: true }
}

const fn unpublished(name: &'static str, aliases: &'static [&'static str]) -> CarrierInfo {
    CarrierInfo { name, aliases, s10_countries: &[], published: false, strict: false }
}

#[rustfmt::skip]
pub const CARRIERS: &[CarrierInfo] = &[
    carrier("UPS", &["United Parcel Service", "UPS Ground", "UPS Express", "UPS SurePost"]),
    post("USPS", &["United States Postal Service", "US Postal Service", "U.S. Postal Service", "美国邮政"], &["US"]),
    carrier("FedEx", &["Federal Express", "FedEx Ground", "FedEx Express", "FedEx Home Delivery", "联邦快递"]),
    carrier("DHL", &["DHL Express", "敦豪"]),
    loose("DHL eCommerce", &["DHL Ecommerce Solutions", "DHL eCommerce US", "DHL Parcel", "DHL SmartMail"]),
    loose("Amazon Logistics", &["Amazon Shipping", "AMZL", "Amazon"]),
    loose("OnTrac", &["OnTrac Shipping"]),
    loose("LaserShip", &["Laser Ship"]),
    loose("GOFO Express", &["GOFO", "GOFO US"]),
    loose("Spee-Dee Delivery", &["Spee-Dee", "Speedee", "Spee Dee Delivery"]),
    loose("Canpar", &["Canpar Express"]),
    post("Canada Post", &["Postes Canada", "加拿大邮政"], &["CA"]),
    loose("Purolator", &[]),
    loose("DPD", &["DPD UK", "DPD Local", "DPDgroup"]),
    loose("Yodel", &[]),
    loose("Landmark Global", &["Landmark"]),
    loose("YunExpress", &["Yun Express", "云途", "云途物流"]),
    loose("4PX", &["4PX Express", "递四方", "4PX Worldwide Express"]),
    loose("Cainiao", &["Cainiao Global", "菜鸟", "AliExpress Standard Shipping", "Cainiao Super Economy"]),
    loose("Yanwen", &["燕文", "燕文物流", "Yanwen Express"]),
    loose("SF Express", &["SF International", "S.F. Express", "顺丰", "顺丰速运", "顺丰国际"]),
    post("China Post", &["China Post Small Packet", "China EMS", "中国邮政", "中国邮政小包", "EMS"], &["CN"]),
    post("Hongkong Post", &["Hong Kong Post", "香港邮政"], &["HK"]),
    post("Royal Mail", &["Royal Mail Tracked", "英国皇家邮政"], &["GB"]),
    post("An Post", &[], &["IE"]),
    post("Correos", &["Correos de España", "Correos Spain"], &["ES"]),
    post("Deutsche Post", &["Deutsche Post DHL"], &["DE"]),
    post("La Poste", &["Colissimo"], &["FR"]),
    post("Poste Italiane", &[], &["IT"]),
    post("Japan Post", &["日本邮政"], &["JP"]),
    post("SingPost", &["Singapore Post"], &["SG"]),
    post("Pos Malaysia", &[], &["MY"]),
    post("Thailand Post", &[], &["TH"]),
    post("Vietnam Post", &["VNPost"], &["VN"]),
    post("PHLPost", &["Philippine Postal Corporation"], &["PH"]),
    post("Pos Indonesia", &[], &["ID"]),
    post("Correos de México", &["Correos de Mexico"], &["MX"]),
    post("Correios", &["Correios Brasil"], &["BR"]),
    unpublished("J&T Express", &["J&T", "JT Express", "极兔", "极兔速递"]),
    unpublished("Evri", &["Hermes", "Hermes UK"]),
    unpublished("GLS", &["General Logistics Systems", "GLS US"]),
    unpublished("SEUR", &[]),
    unpublished("Veho", &[]),
    unpublished("Better Trucks", &[]),
    unpublished("TForce", &["TForce Freight", "TForce Logistics"]),
    unpublished("AxleHire", &[]),
    unpublished("Lone Star Overnight", &["LSO"]),
    unpublished("Deliver-it", &["Deliverit"]),
    unpublished("Wizmo", &[]),
];

/// The carrier an export's provider name means.
pub fn carrier_info(name: &str) -> Option<&'static CarrierInfo> {
    // Every name and alias by its key, built once: one lookup per call instead of comparing
    // against every alias.
    static BY_KEY: OnceLock<HashMap<String, &'static CarrierInfo>> = OnceLock::new();
    let by_key = BY_KEY.get_or_init(|| {
        CARRIERS
            .iter()
            .flat_map(|c| {
                std::iter::once(c.name).chain(c.aliases.iter().copied()).map(move |n| (name_key(n).collect(), c))
            })
            .collect()
    });
    crate::names::with_key(name, |key| by_key.get(key).copied())
}

/// The postal operator that issues S10 numbers ending in `country`.
pub fn postal_operator(country: &str) -> Option<&'static CarrierInfo> {
    CARRIERS.iter().find(|c| c.s10_countries.contains(&country))
}
