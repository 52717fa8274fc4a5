//! Open data: the published catalogue as JSON, CSV and an .xlsx workbook (see
//! docs/open-data.md).

use crate::figures;
use crate::model::{
    Audience, CaseType, Channel, Faq, Fee, Location, Material, PowerSource, ResultKind, Service,
    Site, SpecialProcedure, Step, TimeLimit,
};
use crate::route::Route;
use serde::Serialize;

/// One item in `/data/services.json`. Field names are stable; see docs/open-data.md.
/// An element the content does not state is `null` (lists: empty).
#[derive(Debug, Serialize)]
struct OpenService<'a> {
    code: &'a str,
    name: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    department: &'a str,
    status: &'a str,
    effective: Option<String>,
    cancelled: Option<String>,
    levels: &'a [String],
    legal_basis: &'a [String],
    conditions: Option<&'a str>,
    materials: Option<&'a [Material]>,
    process: &'a [Step],
    time_limit: Option<&'a TimeLimit>,
    speedup: Option<f64>,
    /// true: 不收费; false: fees listed; null: not stated.
    free: Option<bool>,
    fees: Option<&'a [Fee]>,
    attributes: &'a [String],
    visits: Option<u8>,
    online_url: Option<&'a str>,
    locations: &'a [Location],
    consult_phone: Option<&'a str>,
    complaint_phone: &'a str,
    /// 办理结果 (its name), as in v1.
    result: Option<&'a str>,
    /// 证照, 批文 or 其他.
    result_type: Option<ResultKind>,
    /// Absolute URL of the result's sample.
    result_sample: Option<String>,
    delivery: Option<bool>,
    appointment: Option<bool>,
    faq: &'a [Faq],
    updated: Option<String>,
    basic_code: Option<&'a str>,
    department_code: Option<&'a str>,
    aliases: &'a [String],
    topics: &'a [String],
    audience: &'a [Audience],
    case_type: Option<CaseType>,
    power_source: Option<PowerSource>,
    delegated_by: Option<&'a str>,
    scope: Option<&'a str>,
    channels: &'a [Channel],
    online_payment: Option<bool>,
    visit_reason: Option<&'a str>,
    intermediary: Option<&'a str>,
    quantity_limit: Option<&'a str>,
    refusal: Option<&'a str>,
    special_procedures: &'a [SpecialProcedure],
    penalty: Option<&'a str>,
    target: Option<&'a str>,
    remedy: Option<&'a str>,
    /// Keys of the required elements not stated yet (指南待完善).
    missing: Vec<&'static str>,
    url: String,
    /// The 一次性告知单; null for items that have none.
    docx_url: Option<String>,
}

#[derive(Serialize)]
struct OpenData<'a> {
    site: &'a str,
    organization: &'a str,
    as_of: String,
    count: usize,
    services: OpenServices<'a>,
}

/// The items of a site, each serialized as it comes ([`open`]), never all held at once.
struct OpenServices<'a>(&'a Site);

impl Serialize for OpenServices<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let site = self.0;
        serializer.collect_seq(site.services.iter().map(|s| open(s, site)))
    }
}

fn open<'a>(s: &'a Service, site: &Site) -> OpenService<'a> {
    let c = &site.config;
    OpenService {
        code: &s.code,
        name: &s.name,
        kind: s.kind.label(),
        department: &s.department,
        status: s.status.label(),
        effective: s.effective.map(|d| d.to_string()),
        cancelled: s.cancelled.map(|d| d.to_string()),
        levels: &s.levels,
        legal_basis: &s.legal_basis,
        conditions: s.conditions.as_deref(),
        materials: s.materials.as_deref(),
        process: &s.process,
        time_limit: s.time_limit.as_ref(),
        speedup: figures::speedup(s).map(|x| (x * 1000.0).round() / 1000.0),
        free: s.fees.as_ref().map(|f| f.is_empty()),
        fees: s.fees.as_deref(),
        attributes: &s.attributes,
        visits: s.visits,
        online_url: s.online_url.as_deref(),
        locations: &s.locations,
        consult_phone: s.consult_phone.as_deref(),
        complaint_phone: &s.complaint_phone,
        result: s.result.as_ref().map(|r| r.name.as_str()),
        result_type: s.result.as_ref().and_then(|r| r.kind),
        result_sample: s
            .result
            .as_ref()
            .and_then(|r| r.sample.as_ref())
            .map(|p| c.absolute_url(&Route::Static(p).rel_path())),
        delivery: s.delivery,
        appointment: s.appointment,
        faq: &s.faq,
        updated: s.updated.map(|d| d.to_string()),
        basic_code: s.basic_code.as_deref(),
        department_code: s.department_code.as_deref(),
        aliases: &s.aliases,
        topics: &s.topics,
        audience: &s.audience,
        case_type: s.case_type,
        power_source: s.power_source,
        delegated_by: s.delegated_by.as_deref(),
        scope: s.scope.as_deref(),
        channels: &s.channels,
        online_payment: s.online_payment,
        visit_reason: s.visit_reason.as_deref(),
        intermediary: s.intermediary.as_deref(),
        quantity_limit: s.quantity_limit.as_deref(),
        refusal: s.refusal.as_deref(),
        special_procedures: &s.special_procedures,
        penalty: s.penalty.as_deref(),
        target: s.target.as_deref(),
        remedy: s.remedy.as_deref(),
        missing: s.missing_elements().iter().map(|e| e.key()).collect(),
        url: c.absolute_url(&Route::Service(&s.code).url_path()),
        docx_url: s
            .has_form()
            .then(|| c.absolute_url(&Route::ServiceDocx(&s.code).url_path())),
    }
}

/// `/data/services.json`: the catalogue, an item a line ([`ItemPerLine`]), items by code.
pub fn services_json(site: &Site) -> Vec<u8> {
    let mut out = Vec::new();
    // Writing into memory fails only where serialization does, which it does not here.
    let _ = write_services_json(site, &mut out);
    out
}

/// Writes [`services_json`] to `out` as it is made (290 MB at 100,000 items, which a
/// build streams to its file instead of holding).
pub fn write_services_json(site: &Site, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    use std::io::Write;
    let data = OpenData {
        site: &site.config.title,
        organization: &site.config.organization,
        as_of: site.config.as_of.to_string(),
        count: site.services.len(),
        services: OpenServices(site),
    };
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    let mut ser = serde_json::Serializer::with_formatter(&mut out, ItemPerLine::default());
    data.serialize(&mut ser)?;
    out.write_all(b"\n")?;
    out.flush()
}

/// JSON without spaces, each item of the top-level list on a line of its own: a third
/// smaller than pretty-printed and quicker to write (29 against 49 MB at 10,000 items),
/// and still one line an item for `grep` and `diff`.
#[derive(Default)]
struct ItemPerLine {
    /// How many objects and lists are open.
    depth: usize,
    /// Whether the top-level list has had an item.
    items: bool,
}

/// The depth of the items' list: inside the top-level object.
const ITEMS_DEPTH: usize = 2;

impl serde_json::ser::Formatter for ItemPerLine {
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.depth += 1;
        w.write_all(b"{")
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.depth -= 1;
        w.write_all(b"}")
    }

    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.depth += 1;
        w.write_all(b"[")
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        if self.depth == ITEMS_DEPTH {
            self.items = true;
            w.write_all(if first { b"\n" } else { b",\n" })
        } else if first {
            Ok(())
        } else {
            w.write_all(b",")
        }
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        if self.depth == ITEMS_DEPTH && self.items {
            w.write_all(b"\n")?;
        }
        self.depth -= 1;
        w.write_all(b"]")
    }
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
    "status",
    "effective",
    "cancelled",
    "basic_code",
    "department_code",
    "aliases",
    "topics",
    "audience",
    "case_type",
    "power_source",
    "delegated_by",
    "scope",
    "channels",
    "online_payment",
    "visit_reason",
    "quantity_limit",
    "result_type",
    "missing",
    "intermediary",
    "refusal",
    "special_procedures",
    "target",
    "penalty",
    "remedy",
];

/// `/data/services.csv`: UTF-8 with BOM, CRLF, one header row and one row per item.
pub fn services_csv(site: &Site) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    push_row(&mut out, CSV_COLUMNS.iter().map(|s| s.to_string()));
    for s in &site.services {
        let fees = match &s.fees {
            None => String::new(),
            Some(f) if f.is_empty() => "不收费".to_string(),
            Some(f) => f
                .iter()
                .map(|f| format!("{}：{}", f.item, f.standard))
                .collect::<Vec<_>>()
                .join("；"),
        };
        let names = |v: &mut dyn Iterator<Item = &str>| v.collect::<Vec<_>>().join("；");
        let yes_no = |b: Option<bool>| match b {
            Some(true) => "是".to_string(),
            Some(false) => "否".to_string(),
            None => String::new(),
        };
        let limit = s.time_limit.as_ref();
        push_row(
            &mut out,
            [
                s.code.clone(),
                s.name.clone(),
                s.kind.label().to_string(),
                s.department.clone(),
                s.levels.join("；"),
                s.legal_basis.join("；"),
                match &s.materials {
                    None => String::new(),
                    Some(m) if m.is_empty() => "无".to_string(),
                    Some(m) => names(&mut m.iter().map(|m| m.name.as_str())),
                },
                names(&mut s.process.iter().map(|m| m.step.as_str())),
                limit.map(|l| l.promised.to_string()).unwrap_or_default(),
                match limit {
                    Some(l) if l.no_statutory_limit => "无".to_string(),
                    Some(l) => l
                        .statutory
                        .as_ref()
                        .map(|d| d.to_string())
                        .unwrap_or_default(),
                    None => String::new(),
                },
                figures::speedup(s)
                    .map(figures::percent)
                    .unwrap_or_default(),
                fees,
                s.attributes.join("；"),
                s.visits.map(|v| v.to_string()).unwrap_or_default(),
                s.online_url.clone().unwrap_or_default(),
                s.consult_phone.clone().unwrap_or_default(),
                s.complaint_phone.clone(),
                s.result
                    .as_ref()
                    .map(|r| r.name.clone())
                    .unwrap_or_default(),
                s.updated.map(|d| d.to_string()).unwrap_or_default(),
                site.config
                    .absolute_url(&Route::Service(&s.code).url_path()),
                s.status.label().to_string(),
                s.effective.map(|d| d.to_string()).unwrap_or_default(),
                s.cancelled.map(|d| d.to_string()).unwrap_or_default(),
                s.basic_code.clone().unwrap_or_default(),
                s.department_code.clone().unwrap_or_default(),
                s.aliases.join("；"),
                s.topics.join("；"),
                names(&mut s.audience.iter().map(|a| a.label())),
                s.case_type
                    .map(|c| c.label().to_string())
                    .unwrap_or_default(),
                s.power_source
                    .map(|p| p.label().to_string())
                    .unwrap_or_default(),
                s.delegated_by.clone().unwrap_or_default(),
                s.scope.clone().unwrap_or_default(),
                names(&mut s.channels.iter().map(|c| c.label())),
                yes_no(s.online_payment),
                s.visit_reason.clone().unwrap_or_default(),
                s.quantity_limit.clone().unwrap_or_default(),
                s.result
                    .as_ref()
                    .and_then(|r| r.kind)
                    .map(|k| k.label().to_string())
                    .unwrap_or_default(),
                names(&mut s.missing_elements().iter().map(|e| e.label())),
                s.intermediary.clone().unwrap_or_default(),
                s.refusal.clone().unwrap_or_default(),
                s.special_procedures
                    .iter()
                    .map(|p| match &p.time_limit {
                        Some(d) => format!("{}（{d}）", p.kind.label()),
                        None => p.kind.label().to_string(),
                    })
                    .collect::<Vec<_>>()
                    .join("；"),
                s.target.clone().unwrap_or_default(),
                s.penalty.clone().unwrap_or_default(),
                s.remedy.clone().unwrap_or_default(),
            ],
        );
    }
    out.into_bytes()
}

/// `/data/services.xlsx`: the catalogue under the national headings, as `gongkai export`
/// writes it (the same bytes), or why the workbook cannot be made (its rows go through a
/// temporary file, which the temporary folder may refuse).
pub fn services_xlsx(site: &Site) -> Result<Vec<u8>, String> {
    crate::export::services_xlsx(site)
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

    #[test]
    fn services_json_holds_an_item_a_line() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut site = crate::build::check(root).site.unwrap();
        let text = String::from_utf8(services_json(&site)).unwrap();
        let data: serde_json::Value = serde_json::from_str(&text).unwrap();
        let n = site.services.len();
        assert_eq!(data["count"], n);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), n + 2, "{text}");
        assert!(lines[0].starts_with("{\"site\":") && lines[0].ends_with("\"services\":["));
        for (line, s) in lines[1..=n].iter().zip(&site.services) {
            let item: serde_json::Value =
                serde_json::from_str(line.strip_suffix(',').unwrap_or(line)).unwrap();
            assert_eq!(item["code"], s.code.as_str());
        }
        assert_eq!(lines[n + 1], "]}");
        // A nested list stays on its item's line; no items, no blank line.
        assert!(lines[1].contains("\"levels\":[\""));
        site.services.clear();
        let empty = String::from_utf8(services_json(&site)).unwrap();
        assert!(empty.ends_with("\"count\":0,\"services\":[]}\n"), "{empty}");
    }
}
