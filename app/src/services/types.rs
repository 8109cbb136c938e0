use serde::{Deserialize, Serialize};

use crate::belts::types::CategoryRef;
use crate::coded_enum;
use crate::i18n::Bilingual;

coded_enum! {
    /// What kind of service an offering is.
    pub enum ServiceType {
        LogisticsChannel = ("logistics_channel", "物流专线", "Logistics channel"),
        OverseasWarehouse = ("overseas_warehouse", "海外仓", "Overseas warehouse"),
        Finance = ("finance", "金融服务", "Finance"),
        Customs = ("customs", "报关与清关", "Customs and declaration"),
        Tax = ("tax", "税务", "Tax"),
        Legal = ("legal", "法务", "Legal"),
        SupplyChain = ("supply_chain", "供应链", "Supply chain"),
        Data = ("data", "数据服务", "Data"),
        Training = ("training", "培训", "Training"),
        Certification = ("certification", "认证与检测", "Certification and testing"),
    }
}

/// An offering's content, checked.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OfferingData {
    pub service_type: ServiceType,
    pub title: Bilingual,
    pub description: Bilingual,
    pub terms: Bilingual,
    /// ISO 3166-1 alpha-2 codes of the markets served.
    pub markets: Vec<String>,
    pub belt_slugs: Vec<String>,
    pub published: bool,
}

/// An offering as listed on its provider's page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OfferingCard {
    pub id: i32,
    pub service_type: ServiceType,
    pub title: Bilingual,
    pub description: Bilingual,
    pub terms: Bilingual,
    pub markets: Vec<String>,
    /// Belts covered, by slug and name.
    pub belts: Vec<CategoryRef>,
    pub published: bool,
    pub is_demo: bool,
    pub updated_at: crate::clock::Moment,
}

/// `/orgs/{slug}/offerings`: a provider's offerings, for those who manage them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OfferingList {
    pub slug: String,
    pub name: Bilingual,
    pub offerings: Vec<OfferingCard>,
}

/// What the offering form starts from: an existing offering, or none.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OfferingEditor {
    pub slug: String,
    pub name: Bilingual,
    pub id: Option<i32>,
    pub offering: Option<OfferingData>,
    /// Every belt, for the coverage choices.
    pub all_belts: Vec<CategoryRef>,
}
