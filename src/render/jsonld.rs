//! schema.org JSON-LD for service item pages: a `GovernmentService` with its provider, area,
//! channels (online, each location, phone), processing time, materials and fees.
//!
//! Only schema.org terms are used. Where schema.org has no property of its own, the closest
//! general one carries the data: materials are `additionalProperty` (`PropertyValue`) of the
//! service's `Offer`, fees are its `priceSpecification`s, and the statutory basis joins the
//! conditions in `termsOfService`.

use crate::model::{Duration, Service, SiteConfig};
use serde_json::{Map, Value, json};

/// An ISO 8601 duration for a time limit: `P15D`, `P0D` for 即办. Working days cannot be said in
/// ISO 8601, so the days are given as written and the unit goes in a description beside it.
pub fn iso_duration(d: &Duration) -> String {
    format!("P{}D", d.days)
}

/// The area a site serves: `AdministrativeArea` named by what precedes 人民政府 in the
/// organization (清河区人民政府办公室 → 清河区), else a `Place` named by the site title.
fn area_served(config: &SiteConfig) -> Value {
    match config.organization.split_once("人民政府") {
        Some((area, _)) if !area.trim().is_empty() => {
            json!({"@type": "AdministrativeArea", "name": area.trim()})
        }
        _ => json!({"@type": "Place", "name": config.title}),
    }
}

/// `10元/本` → 10, when a fee standard starts with a plain amount in yuan.
fn price(standard: &str) -> Option<Value> {
    let num: String = standard
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let rest = &standard[num.len()..];
    if num.is_empty() || !rest.starts_with('元') {
        return None;
    }
    num.parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .map(|v| json!(v))
}

/// Inserts `value` under `key` when it is `Some`.
fn put(m: &mut Map<String, Value>, key: &str, value: Option<impl Into<Value>>) {
    if let Some(v) = value {
        m.insert(key.to_string(), v.into());
    }
}

fn time_description(s: &Service) -> String {
    let p = &s.time_limit.promised;
    let mut d = format!("承诺时限：{p}");
    if let Some(st) = &s.time_limit.statutory {
        d.push_str(&format!("；法定时限：{st}"));
    }
    if let Some(note) = &p.note {
        d.push_str(&format!("（{note}）"));
    }
    d
}

fn channels(s: &Service) -> Vec<Value> {
    let processing = iso_duration(&s.time_limit.promised);
    let desc = time_description(s);
    let phone = s
        .consult_phone
        .as_ref()
        .map(|p| json!({"@type": "ContactPoint", "telephone": p, "contactType": "咨询电话"}));
    let mut out = Vec::new();
    if let Some(url) = &s.online_url {
        let mut c = Map::new();
        c.insert("@type".into(), json!("ServiceChannel"));
        c.insert("name".into(), json!("网上办理"));
        c.insert("serviceUrl".into(), json!(url));
        c.insert("processingTime".into(), json!(processing));
        c.insert("description".into(), json!(desc));
        put(&mut c, "servicePhone", phone.clone());
        out.push(Value::Object(c));
    }
    for l in &s.locations {
        let mut place = Map::new();
        place.insert("@type".into(), json!("CivicStructure"));
        place.insert("name".into(), json!(l.place));
        put(&mut place, "address", l.address.clone());
        put(&mut place, "openingHours", l.hours.clone());
        put(&mut place, "telephone", l.phone.clone());
        let mut c = Map::new();
        c.insert("@type".into(), json!("ServiceChannel"));
        c.insert("name".into(), json!(format!("窗口办理：{}", l.place)));
        c.insert("serviceLocation".into(), Value::Object(place));
        c.insert("processingTime".into(), json!(processing));
        c.insert("description".into(), json!(desc));
        put(&mut c, "servicePhone", phone.clone());
        out.push(Value::Object(c));
    }
    if out.is_empty() {
        let mut c = Map::new();
        c.insert("@type".into(), json!("ServiceChannel"));
        c.insert("processingTime".into(), json!(processing));
        c.insert("description".into(), json!(desc));
        put(&mut c, "servicePhone", phone);
        out.push(Value::Object(c));
    }
    out
}

fn offer(s: &Service) -> Value {
    let mut o = Map::new();
    o.insert("@type".into(), json!("Offer"));
    o.insert("priceCurrency".into(), json!("CNY"));
    if s.is_free() {
        o.insert("price".into(), json!(0));
        o.insert("description".into(), json!("不收费"));
    } else {
        let specs: Vec<Value> = s
            .fees
            .iter()
            .map(|f| {
                let mut d = format!("收费标准：{}；收费依据：{}", f.standard, f.basis);
                if let Some(r) = &f.reduction {
                    d.push_str(&format!("；减免说明：{r}"));
                }
                let mut p = Map::new();
                p.insert("@type".into(), json!("UnitPriceSpecification"));
                p.insert("name".into(), json!(f.item));
                put(&mut p, "price", price(&f.standard));
                p.insert("priceCurrency".into(), json!("CNY"));
                p.insert("description".into(), json!(d));
                Value::Object(p)
            })
            .collect();
        let text: Vec<String> = s
            .fees
            .iter()
            .map(|f| format!("{}：{}", f.item, f.standard))
            .collect();
        o.insert("description".into(), json!(text.join("；")));
        o.insert("priceSpecification".into(), Value::Array(specs));
    }
    if !s.materials.is_empty() {
        let mats: Vec<Value> = s
            .materials
            .iter()
            .map(|m| {
                let mut v = format!("{}，{}份，{}", m.form.label(), m.copies, m.required.label());
                if m.shared {
                    v.push_str("，免提交");
                }
                let mut p = Map::new();
                p.insert("@type".into(), json!("PropertyValue"));
                p.insert("propertyID".into(), json!("申报材料"));
                p.insert("name".into(), json!(m.name));
                p.insert("value".into(), json!(v));
                put(&mut p, "description", m.note.clone());
                Value::Object(p)
            })
            .collect();
        o.insert("additionalProperty".into(), Value::Array(mats));
    }
    Value::Object(o)
}

/// The JSON-LD of one service item as a `GovernmentService`, ready to put between
/// `<script type="application/ld+json">` and `</script>`: valid JSON in which `<`, `>` and `&`
/// are written as `\u003c`, `\u003e` and `\u0026`, so the text cannot end the script element.
pub fn service_jsonld(config: &SiteConfig, s: &Service) -> String {
    let mut m = Map::new();
    m.insert("@context".into(), json!("https://schema.org"));
    m.insert("@type".into(), json!("GovernmentService"));
    m.insert("name".into(), json!(s.name));
    m.insert("identifier".into(), json!(s.code));
    m.insert(
        "url".into(),
        json!(config.absolute_url(&format!("services/{}/", s.code))),
    );
    m.insert("serviceType".into(), json!(s.kind.label()));
    m.insert(
        "provider".into(),
        json!({"@type": "GovernmentOrganization", "name": s.department}),
    );
    m.insert("areaServed".into(), area_served(config));
    let mut desc = format!(
        "{}（{}），实施主体：{}",
        s.name,
        s.kind.label(),
        s.department
    );
    if !s.levels.is_empty() {
        desc.push_str(&format!("，办理层级：{}", s.levels.join("、")));
    }
    m.insert("description".into(), json!(desc));
    let mut terms = Vec::new();
    if let Some(c) = s.conditions.as_ref().filter(|c| !c.trim().is_empty()) {
        terms.push(format!("受理条件：{}", c.trim()));
    }
    if !s.legal_basis.is_empty() {
        terms.push(format!("设定依据：{}", s.legal_basis.join("；")));
    }
    if !terms.is_empty() {
        m.insert("termsOfService".into(), json!(terms.join("\n")));
    }
    m.insert("availableChannel".into(), Value::Array(channels(s)));
    m.insert("offers".into(), offer(s));
    if let Some(r) = &s.result {
        m.insert("serviceOutput".into(), json!({"@type": "Thing", "name": r}));
    }
    let text = serde_json::to_string(&Value::Object(m)).unwrap_or_else(|_| "{}".into());
    script_safe(&text)
}

/// JSON text made safe inside an HTML `<script>` element: `<`, `>` and `&` (which only occur
/// inside strings) become `\u003c`, `\u003e` and `\u0026`, so no `</script>`, `<!--` or
/// markup survives, and the JSON means the same.
fn script_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        DayUnit, Fee, Location, Material, MaterialForm, Requirement, ServiceType, TimeLimit,
    };

    fn config() -> SiteConfig {
        SiteConfig::with_defaults(
            "清河区政务公开",
            "清河区人民政府办公室",
            "https://gk.example.gov.cn/",
            "2026-09-30".parse().unwrap(),
        )
    }

    fn service() -> Service {
        Service {
            source: String::new(),
            code: "330199-XK-0001".into(),
            name: "个体工商户设立登记</script><!--".into(),
            kind: ServiceType::Licence,
            department: "清河区市场监督管理局".into(),
            levels: vec!["区级".into()],
            legal_basis: vec!["《促进个体工商户发展条例》第八条".into()],
            conditions: Some("有经营能力".into()),
            materials: vec![Material {
                name: "经营者身份证明".into(),
                form: MaterialForm::Copy,
                copies: 1,
                required: Requirement::Required,
                source: None,
                shared: true,
                template: None,
                sample: None,
                note: None,
            }],
            process: vec![],
            time_limit: TimeLimit {
                statutory: Some(Duration::new(20, DayUnit::Working)),
                promised: Duration::new(15, DayUnit::Working),
            },
            fees: vec![],
            attributes: vec![],
            visits: Some(0),
            online_url: Some("https://zwfw.example.gov.cn/item/1".into()),
            locations: vec![Location {
                place: "区行政服务中心".into(),
                address: Some("人民路88号".into()),
                hours: Some("周一至周五 8:30-17:30".into()),
                phone: None,
            }],
            consult_phone: Some("0570-1234567".into()),
            complaint_phone: "12345".into(),
            result: Some("营业执照".into()),
            delivery: false,
            appointment: false,
            faq: vec![],
            updated: None,
            draft: false,
            body: String::new(),
        }
    }

    #[test]
    fn is_json_and_cannot_close_the_script() {
        let text = service_jsonld(&config(), &service());
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'));
        assert!(text.contains("\\u003c/script\\u003e"));
        let v: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["name"], "个体工商户设立登记</script><!--");
        assert_eq!(v["@type"], "GovernmentService");
        assert_eq!(v["identifier"], "330199-XK-0001");
        assert_eq!(v["serviceType"], "行政许可");
        assert_eq!(
            v["url"],
            "https://gk.example.gov.cn/services/330199-XK-0001/"
        );
    }

    #[test]
    fn provider_area_channels_and_time() {
        let v: Value = serde_json::from_str(&service_jsonld(&config(), &service())).unwrap();
        assert_eq!(v["provider"]["@type"], "GovernmentOrganization");
        assert_eq!(v["provider"]["name"], "清河区市场监督管理局");
        assert_eq!(v["areaServed"]["name"], "清河区");
        let ch = v["availableChannel"].as_array().unwrap();
        assert_eq!(ch.len(), 2);
        assert_eq!(ch[0]["serviceUrl"], "https://zwfw.example.gov.cn/item/1");
        assert_eq!(ch[0]["processingTime"], "P15D");
        assert!(
            ch[0]["description"]
                .as_str()
                .unwrap()
                .contains("15个工作日")
        );
        assert_eq!(ch[1]["serviceLocation"]["address"], "人民路88号");
        assert_eq!(
            ch[1]["serviceLocation"]["openingHours"],
            "周一至周五 8:30-17:30"
        );
        assert_eq!(ch[1]["servicePhone"]["telephone"], "0570-1234567");
        assert_eq!(v["serviceOutput"]["name"], "营业执照");
        assert!(v["termsOfService"].as_str().unwrap().contains("设定依据"));
    }

    #[test]
    fn free_service_and_materials() {
        let v: Value = serde_json::from_str(&service_jsonld(&config(), &service())).unwrap();
        assert_eq!(v["offers"]["price"], 0);
        assert_eq!(v["offers"]["description"], "不收费");
        let mat = &v["offers"]["additionalProperty"][0];
        assert_eq!(mat["@type"], "PropertyValue");
        assert_eq!(mat["name"], "经营者身份证明");
        assert_eq!(mat["value"], "复印件，1份，必需，免提交");
    }

    #[test]
    fn fees_become_price_specifications() {
        let mut s = service();
        s.fees = vec![
            Fee {
                item: "工本费".into(),
                standard: "10元/本".into(),
                basis: "《收费标准》".into(),
                reduction: Some("低保户免收".into()),
            },
            Fee {
                item: "检测费".into(),
                standard: "按实际检测项目收取".into(),
                basis: "《办法》".into(),
                reduction: None,
            },
        ];
        s.time_limit.promised = Duration::immediate();
        let v: Value = serde_json::from_str(&service_jsonld(&config(), &s)).unwrap();
        let specs = v["offers"]["priceSpecification"].as_array().unwrap();
        assert_eq!(specs[0]["price"], 10.0);
        assert!(
            specs[0]["description"]
                .as_str()
                .unwrap()
                .contains("低保户免收")
        );
        assert!(specs[1].get("price").is_none());
        assert!(v["offers"].get("price").is_none());
        assert_eq!(v["availableChannel"][0]["processingTime"], "P0D");
    }

    #[test]
    fn area_falls_back_to_the_site_title() {
        let mut c = config();
        c.organization = "某某中心".into();
        let v: Value = serde_json::from_str(&service_jsonld(&c, &service())).unwrap();
        assert_eq!(v["areaServed"]["@type"], "Place");
        assert_eq!(v["areaServed"]["name"], "清河区政务公开");
    }
}
