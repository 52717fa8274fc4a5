//! Open data: the published catalogue as JSON, CSV and an .xlsx workbook (see
//! docs/open-data.md).

use crate::figures;
use crate::model::{Faq, Fee, Location, Material, Service, Site, Step, TimeLimit};
use serde::Serialize;

/// One item in `/data/services.json`. Field names are stable; see docs/open-data.md.
#[derive(Debug, Serialize)]
struct OpenService<'a> {
    code: &'a str,
    name: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    department: &'a str,
    levels: &'a [String],
    legal_basis: &'a [String],
    conditions: Option<&'a str>,
    materials: &'a [Material],
    process: &'a [Step],
    time_limit: &'a TimeLimit,
    speedup: Option<f64>,
    free: bool,
    fees: &'a [Fee],
    attributes: &'a [String],
    visits: Option<u8>,
    online_url: Option<&'a str>,
    locations: &'a [Location],
    consult_phone: Option<&'a str>,
    complaint_phone: &'a str,
    result: Option<&'a str>,
    delivery: bool,
    appointment: bool,
    faq: &'a [Faq],
    updated: Option<String>,
    url: String,
    docx_url: String,
}

#[derive(Debug, Serialize)]
struct OpenData<'a> {
    site: &'a str,
    organization: &'a str,
    as_of: String,
    count: usize,
    services: Vec<OpenService<'a>>,
}

fn open<'a>(s: &'a Service, site: &Site) -> OpenService<'a> {
    let c = &site.config;
    OpenService {
        code: &s.code,
        name: &s.name,
        kind: s.kind.label(),
        department: &s.department,
        levels: &s.levels,
        legal_basis: &s.legal_basis,
        conditions: s.conditions.as_deref(),
        materials: &s.materials,
        process: &s.process,
        time_limit: &s.time_limit,
        speedup: figures::speedup(s).map(|x| (x * 1000.0).round() / 1000.0),
        free: s.is_free(),
        fees: &s.fees,
        attributes: &s.attributes,
        visits: s.visits,
        online_url: s.online_url.as_deref(),
        locations: &s.locations,
        consult_phone: s.consult_phone.as_deref(),
        complaint_phone: &s.complaint_phone,
        result: s.result.as_deref(),
        delivery: s.delivery,
        appointment: s.appointment,
        faq: &s.faq,
        updated: s.updated.map(|d| d.to_string()),
        url: c.absolute_url(&format!("services/{}/", s.code)),
        docx_url: c.absolute_url(&format!("services/{0}/{0}.docx", s.code)),
    }
}

/// `/data/services.json`: the catalogue, pretty-printed, items by code.
pub fn services_json(site: &Site) -> Vec<u8> {
    let data = OpenData {
        site: &site.config.title,
        organization: &site.config.organization,
        as_of: site.config.as_of.to_string(),
        count: site.services.len(),
        services: site.services.iter().map(|s| open(s, site)).collect(),
    };
    let mut out = serde_json::to_vec_pretty(&data).unwrap_or_default();
    out.push(b'\n');
    out
}

/// Column names of `/data/services.csv`, in order.
pub const CSV_COLUMNS: &[&str] = &[
    "code",
    "name",
    "type",
    "department",
    "levels",
    "legal_basis",
    "materials",
    "steps",
    "promised",
    "statutory",
    "speedup",
    "fees",
    "attributes",
    "visits",
    "online_url",
    "consult_phone",
    "complaint_phone",
    "result",
    "updated",
    "url",
];

/// `/data/services.csv`: UTF-8 with BOM, CRLF, one header row and one row per item.
pub fn services_csv(site: &Site) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    push_row(&mut out, CSV_COLUMNS.iter().map(|s| s.to_string()));
    for s in &site.services {
        let fees = if s.is_free() {
            "不收费".to_string()
        } else {
            s.fees
                .iter()
                .map(|f| format!("{}：{}", f.item, f.standard))
                .collect::<Vec<_>>()
                .join("；")
        };
        push_row(
            &mut out,
            [
                s.code.clone(),
                s.name.clone(),
                s.kind.label().to_string(),
                s.department.clone(),
                s.levels.join("；"),
                s.legal_basis.join("；"),
                s.materials
                    .iter()
                    .map(|m| m.name.as_str())
                    .collect::<Vec<_>>()
                    .join("；"),
                s.process
                    .iter()
                    .map(|m| m.step.as_str())
                    .collect::<Vec<_>>()
                    .join("；"),
                s.time_limit.promised.to_string(),
                s.time_limit
                    .statutory
                    .as_ref()
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
                figures::speedup(s)
                    .map(figures::percent)
                    .unwrap_or_default(),
                fees,
                s.attributes.join("；"),
                s.visits.map(|v| v.to_string()).unwrap_or_default(),
                s.online_url.clone().unwrap_or_default(),
                s.consult_phone.clone().unwrap_or_default(),
                s.complaint_phone.clone(),
                s.result.clone().unwrap_or_default(),
                s.updated.map(|d| d.to_string()).unwrap_or_default(),
                site.config.absolute_url(&format!("services/{}/", s.code)),
            ],
        );
    }
    out.into_bytes()
}

/// `/data/services.xlsx`: the catalogue under the national headings, as `gongkai export`
/// writes it (the same bytes); `None` only when the workbook cannot be made.
pub fn services_xlsx(site: &Site) -> Option<Vec<u8>> {
    crate::export::services_xlsx(site).ok()
}

fn push_row(out: &mut String, fields: impl IntoIterator<Item = String>) {
    for (i, f) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        // Cells starting with = + - @ are prefixed so spreadsheets do not run them as formulas.
        let f = if f.starts_with(['=', '+', '-', '@']) {
            format!("'{f}")
        } else {
            f
        };
        if f.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&f.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&f);
        }
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_csv_fields() {
        let mut s = String::new();
        push_row(
            &mut s,
            ["a,b".into(), "x\"y".into(), "=1+1".into(), "ok".into()],
        );
        assert_eq!(s, "\"a,b\",\"x\"\"y\",'=1+1,ok\r\n");
    }
}
