//! A built site's `/data/services.json` read back into `model::Service`s, so that an
//! earlier published catalogue can be compared with the site (`gongkai changes --from
//! data/services.json`). The open data holds every element of an item the comparison
//! looks at (see docs/open-data.md); what it does not hold (the Markdown body, the FAQ's
//! place in the page) is left empty.

use crate::model::{
    Audience, CaseType, Channel, Date, Faq, Fee, Location, Material, PowerSource, ResultKind,
    Service, ServiceResult, ServiceStatus, ServiceType, SpecialProcedure, Step, TimeLimit,
};
use serde::Deserialize;

#[derive(Deserialize)]
struct OpenData {
    services: Vec<OpenService>,
}

/// One item of `/data/services.json`, as `render::data` writes it.
#[derive(Deserialize)]
struct OpenService {
    code: String,
    name: String,
    #[serde(rename = "type")]
    kind: ServiceType,
    department: String,
    #[serde(default)]
    status: Option<ServiceStatus>,
    #[serde(default)]
    effective: Option<Date>,
    #[serde(default)]
    cancelled: Option<Date>,
    #[serde(default)]
    levels: Vec<String>,
    #[serde(default)]
    legal_basis: Vec<String>,
    #[serde(default)]
    conditions: Option<String>,
    #[serde(default)]
    materials: Option<Vec<Material>>,
    #[serde(default)]
    process: Vec<Step>,
    #[serde(default)]
    time_limit: Option<TimeLimit>,
    #[serde(default)]
    fees: Option<Vec<Fee>>,
    #[serde(default)]
    attributes: Vec<String>,
    #[serde(default)]
    visits: Option<u8>,
    #[serde(default)]
    online_url: Option<String>,
    #[serde(default)]
    locations: Vec<Location>,
    #[serde(default)]
    consult_phone: Option<String>,
    #[serde(default)]
    complaint_phone: String,
    #[serde(default)]
    result: Option<String>,
    #[serde(default)]
    result_type: Option<ResultKind>,
    #[serde(default)]
    delivery: Option<bool>,
    #[serde(default)]
    appointment: Option<bool>,
    #[serde(default)]
    faq: Vec<Faq>,
    #[serde(default)]
    updated: Option<Date>,
    #[serde(default)]
    basic_code: Option<String>,
    #[serde(default)]
    department_code: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    topics: Vec<String>,
    #[serde(default)]
    audience: Vec<Audience>,
    #[serde(default)]
    case_type: Option<CaseType>,
    #[serde(default)]
    power_source: Option<PowerSource>,
    #[serde(default)]
    delegated_by: Option<String>,
    #[serde(default)]
    scope: Option<String>,
    #[serde(default)]
    channels: Vec<Channel>,
    #[serde(default)]
    online_payment: Option<bool>,
    #[serde(default)]
    visit_reason: Option<String>,
    #[serde(default)]
    intermediary: Option<String>,
    #[serde(default)]
    quantity_limit: Option<String>,
    #[serde(default)]
    refusal: Option<String>,
    #[serde(default)]
    special_procedures: Vec<SpecialProcedure>,
    #[serde(default)]
    penalty: Option<String>,
    #[serde(default)]
    target: Option<String>,
    #[serde(default)]
    remedy: Option<String>,
}

impl OpenService {
    fn into_service(self, source: &str) -> Service {
        let mut s = Service::new(&self.code, &self.name, self.kind, &self.department);
        s.source = source.to_string();
        s.status = self.status.unwrap_or(ServiceStatus::InUse);
        s.effective = self.effective;
        s.cancelled = self.cancelled;
        s.levels = self.levels;
        s.legal_basis = self.legal_basis;
        s.conditions = self.conditions;
        s.materials = self.materials;
        s.process = self.process;
        s.time_limit = self.time_limit;
        s.fees = self.fees;
        s.attributes = self.attributes;
        s.visits = self.visits;
        s.online_url = self.online_url;
        s.locations = self.locations;
        s.consult_phone = self.consult_phone;
        s.complaint_phone = self.complaint_phone;
        // The sample is published as an address, not as the path the content gives.
        s.result = self.result.map(|name| ServiceResult {
            name,
            kind: self.result_type,
            sample: None,
        });
        s.delivery = self.delivery;
        s.appointment = self.appointment;
        s.faq = self.faq;
        s.updated = self.updated;
        s.basic_code = self.basic_code;
        s.department_code = self.department_code;
        s.aliases = self.aliases;
        s.topics = self.topics;
        s.audience = self.audience;
        s.case_type = self.case_type;
        s.power_source = self.power_source;
        s.delegated_by = self.delegated_by;
        s.scope = self.scope;
        s.channels = self.channels;
        s.online_payment = self.online_payment;
        s.visit_reason = self.visit_reason;
        s.intermediary = self.intermediary;
        s.quantity_limit = self.quantity_limit;
        s.refusal = self.refusal;
        s.special_procedures = self.special_procedures;
        s.penalty = self.penalty;
        s.target = self.target;
        s.remedy = self.remedy;
        s
    }
}

/// The items of a `/data/services.json` whose text is `text` (read from `source`, named
/// in the items). `Err` says in the user's language why the file is not such a catalogue.
pub fn services_json(source: &str, text: &str) -> Result<Vec<Service>, String> {
    let data: OpenData = serde_json::from_str(text).map_err(|e| {
        let (line, column) = (e.line(), e.column());
        crate::tr!(
            "{source} 不是 gongkai 生成的 data/services.json（第 {line} 行第 {column} 列：{e}）",
            "{source} is not a data/services.json built by gongkai (line {line}, column {column}: {e})"
        )
    })?;
    Ok(data
        .services
        .into_iter()
        .map(|s| s.into_service(source))
        .collect())
}
