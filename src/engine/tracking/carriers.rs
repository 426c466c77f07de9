//! Carriers, the names exports use for them, and what their numbers look like.
//!
//! Sellers type provider names every way ("USPS", "United States Postal Service", "云途"), so
//! each carrier lists its aliases. Postal operators issue UPU S10 numbers ending in their
//! country code. Where a carrier publishes no tracking number format, the table says so
//! (`published: false`) rather than guessing one: its numbers are then neither accepted nor
//! rejected on format, and a carrier mismatch is not judged.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::engine::names::name_key;

pub struct CarrierInfo {
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    /// Country codes of the S10 numbers this postal operator issues.
    pub s10_countries: &'static [&'static str],
    /// Whether the carrier publishes a number format (its own, or S10).
    pub published: bool,
}

const fn carrier(name: &'static str, aliases: &'static [&'static str]) -> CarrierInfo {
    CarrierInfo { name, aliases, s10_countries: &[], published: true }
}

const fn post(name: &'static str, aliases: &'static [&'static str], countries: &'static [&'static str]) -> CarrierInfo {
    CarrierInfo { name, aliases, s10_countries: countries, published: true }
}

const fn unpublished(name: &'static str, aliases: &'static [&'static str]) -> CarrierInfo {
    CarrierInfo { name, aliases, s10_countries: &[], published: false }
}

#[rustfmt::skip]
pub const CARRIERS: &[CarrierInfo] = &[
    carrier("UPS", &["United Parcel Service", "UPS Ground", "UPS Express"]),
    post("USPS", &["United States Postal Service", "US Postal Service", "U.S. Postal Service", "美国邮政"], &["US"]),
    carrier("FedEx", &["Federal Express", "FedEx Ground", "FedEx Express", "FedEx SmartPost", "联邦快递"]),
    carrier("DHL", &["DHL Express", "DHL eCommerce", "DHL Ecommerce Solutions", "DHL Parcel"]),
    carrier("Amazon Logistics", &["Amazon Shipping", "AMZL", "Amazon"]),
    carrier("OnTrac", &["OnTrac Shipping"]),
    carrier("LaserShip", &["Laser Ship"]),
    post("Canada Post", &["Postes Canada", "加拿大邮政"], &["CA"]),
    carrier("Purolator", &[]),
    carrier("DPD", &["DPD UK", "DPD Local", "DPDgroup"]),
    carrier("Yodel", &[]),
    carrier("Landmark Global", &["Landmark"]),
    carrier("YunExpress", &["Yun Express", "云途", "云途物流"]),
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
    unpublished("4PX", &["4PX Express", "递四方"]),
    unpublished("Cainiao", &["Cainiao Global", "菜鸟", "AliExpress Standard Shipping"]),
    unpublished("Yanwen", &["燕文", "燕文物流"]),
    unpublished("J&T Express", &["J&T", "JT Express", "极兔", "极兔速递"]),
    unpublished("Evri", &["Hermes", "Hermes UK"]),
    unpublished("GLS", &["General Logistics Systems"]),
    unpublished("SEUR", &[]),
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
    by_key.get(&name_key(name).collect::<String>()).copied()
}

/// The postal operator that issues S10 numbers ending in `country`.
pub fn postal_operator(country: &str) -> Option<&'static CarrierInfo> {
    CARRIERS.iter().find(|c| c.s10_countries.contains(&country))
}
