//! schema.org JSON-LD for service item pages: a `GovernmentService` with its provider, area,
//! channels (online, each location, phone), processing time, materials and fees.
//!
//! Only schema.org terms are used. Where schema.org has no property of its own, the closest
//! general one carries the data: materials are `additionalProperty` (`PropertyValue`) of the
//! service's `Offer`, fees are its `priceSpecification`s, and the statutory basis joins the
//! conditions in `termsOfService`.

use crate::model::{Channel, DayUnit, Duration, Service, SiteConfig, TimeLimit};
use crate::render::markdown::to_plain_text;
use crate::route::Route;
use serde_json::{Map, Value, json};

/// An ISO 8601 duration for a time limit: `P15D`, `P0D` for 即办. Working days cannot be said in
/// ISO 8601, so the days are given as written and the unit goes in a description beside it.
pub fn iso_duration(d: &Duration) -> String {
    match d.unit {
        DayUnit::Hour => format!("PT{}H", d.amount_text()),
        _ => format!("P{}D", d.amount_text()),
    }
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

fn time_description(limit: &TimeLimit) -> String {
    let p = &limit.promised;
    let mut d = format!("承诺时限：{p}");
    if let Some(st) = &limit.statutory {
        d.push_str(&format!("；法定时限：{st}"));
    } else if limit.no_statutory_limit {
        d.push_str("；法定时限：法律法规未规定");
    }
    if let Some(note) = &p.note {
        d.push_str(&format!("（{note}）"));
    }
    d
}

/// Inserts the processing time and its description when the item states its time limit.
fn put_time(c: &mut Map<String, Value>, s: &Service) {
    if let Some(limit) = &s.time_limit {
        c.insert(
            "processingTime".into(),
            json!(iso_duration(&limit.promised)),
        );
        c.insert("description".into(), json!(time_description(limit)));
    }
}

fn channels(s: &Service) -> Vec<Value> {
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
        put_time(&mut c, s);
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
        put_time(&mut c, s);
        put(&mut c, "servicePhone", phone.clone());
        out.push(Value::Object(c));
    }
    // 办理形式 not carried by an address or a place above (掌上办理, 快递申请, 自助终端 …).
    for ch in &s.channels {
        let covered = match ch {
            Channel::Online => s.online_url.is_some(),
            Channel::Window => !s.locations.is_empty(),
            _ => false,
        };
        if !covered {
            let mut c = Map::new();
            c.insert("@type".into(), json!("ServiceChannel"));
            c.insert("name".into(), json!(ch.label()));
            put_time(&mut c, s);
            put(&mut c, "servicePhone", phone.clone());
            out.push(Value::Object(c));
        }
    }
    if out.is_empty() && (s.time_limit.is_some() || phone.is_some()) {
        let mut c = Map::new();
        c.insert("@type".into(), json!("ServiceChannel"));
        put_time(&mut c, s);
        put(&mut c, "servicePhone", phone);
        out.push(Value::Object(c));
    }
    out
}

/// The `Offer`: fees and materials, only as far as the content states them; None when it
/// states neither.
fn offer(s: &Service) -> Option<Value> {
    if s.fees.is_none() && s.material_list().is_empty() {
        return None;
    }
    let mut o = Map::new();
    o.insert("@type".into(), json!("Offer"));
    o.insert("priceCurrency".into(), json!("CNY"));
    if s.is_free() {
        o.insert("price".into(), json!(0));
        o.insert("description".into(), json!("不收费"));
    } else if let Some(fees) = &s.fees {
        let specs: Vec<Value> = fees
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
        let text: Vec<String> = fees
            .iter()
            .map(|f| format!("{}：{}", f.item, f.standard))
            .collect();
        o.insert("description".into(), json!(text.join("；")));
        o.insert("priceSpecification".into(), Value::Array(specs));
    }
    if !s.material_list().is_empty() {
        let mats: Vec<Value> = s
            .material_list()
            .iter()
            .map(|m| {
                let mut parts = m.stated_particulars();
                if m.shared {
                    parts.push("免提交".into());
                }
                let v = parts.join("，");
                let mut p = Map::new();
                p.insert("@type".into(), json!("PropertyValue"));
                p.insert("propertyID".into(), json!("申报材料"));
                p.insert("name".into(), json!(m.name));
                if !v.is_empty() {
                    p.insert("value".into(), json!(v));
                }
                put(&mut p, "description", m.note.clone());
                Value::Object(p)
            })
            .collect();
        o.insert("additionalProperty".into(), Value::Array(mats));
    }
    Some(Value::Object(o))
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
        json!(config.absolute_url(&Route::Service(&s.code).url_path())),
    );
    m.insert("serviceType".into(), json!(s.kind.label()));
    let mut provider = Map::new();
    provider.insert("@type".into(), json!("GovernmentOrganization"));
    provider.insert("name".into(), json!(s.department));
    if let Some(code) = &s.department_code {
        provider.insert(
            "identifier".into(),
            json!({"@type": "PropertyValue", "propertyID": "统一社会信用代码", "value": code}),
        );
    }
    m.insert("provider".into(), Value::Object(provider));
    if let Some(code) = &s.basic_code {
        m.insert(
            "additionalProperty".into(),
            json!([{"@type": "PropertyValue", "propertyID": "基本编码", "value": code}]),
        );
    }
    if !s.aliases.is_empty() {
        m.insert("alternateName".into(), json!(s.aliases));
    }
    if !s.topics.is_empty() {
        m.insert("category".into(), json!(s.topics));
    }
    if !s.audience.is_empty() {
        let audience: Vec<Value> = s
            .audience
            .iter()
            .map(|a| json!({"@type": "Audience", "audienceType": a.label()}))
            .collect();
        m.insert("audience".into(), Value::Array(audience));
    }
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
    // 受理条件 is Markdown; JSON-LD carries text, without `**` or link targets.
    if let Some(c) = s
        .conditions
        .as_deref()
        .map(to_plain_text)
        .filter(|c| !c.is_empty())
    {
        terms.push(format!("受理条件：{c}"));
    }
    if !s.legal_basis.is_empty() {
        terms.push(format!("设定依据：{}", s.legal_basis.join("；")));
    }
    if !terms.is_empty() {
        m.insert("termsOfService".into(), json!(terms.join("\n")));
    }
    let channels = channels(s);
    if !channels.is_empty() {
        m.insert("availableChannel".into(), Value::Array(channels));
    }
    if let Some(o) = offer(s) {
        m.insert("offers".into(), o);
    }
    if let Some(r) = &s.result {
        let mut out = Map::new();
        out.insert("@type".into(), json!("Thing"));
        out.insert("name".into(), json!(r.name));
        if let Some(k) = r.kind {
            out.insert("additionalType".into(), json!(k.label()));
        }
        if let Some(sample) = &r.sample {
            out.insert(
                "url".into(),
                json!(config.absolute_url(&Route::Static(sample).rel_path())),
            );
        }
        m.insert("serviceOutput".into(), Value::Object(out));
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
        Audience, Fee, Location, Material, MaterialType, Requirement, ServiceResult, ServiceType,
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
        let mut s = Service::new(
            "330199-XK-0001",
            "个体工商户设立登记</script><!--",
            ServiceType::Licence,
            "清河区市场监督管理局",
        );
        s.levels = vec!["区级".into()];
        s.legal_basis = vec!["《促进个体工商户发展条例》第八条".into()];
        s.conditions = Some("有经营能力".into());
        s.materials = Some(vec![Material {
            name: "经营者身份证明".into(),
            kind: Some(MaterialType::Copy),
            form: None,
            copies: Some(1),
            required: Some(Requirement::Required),
            source: None,
            shared: true,
            template: None,
            sample: None,
            note: None,
            acceptance: None,
            basis: None,
            instructions: None,
        }]);
        s.time_limit = Some(TimeLimit {
            statutory: Some(Duration::new(20, DayUnit::Working)),
            no_statutory_limit: false,
            promised: Duration::new(15, DayUnit::Working),
        });
        s.fees = Some(vec![]);
        s.visits = Some(0);
        s.online_url = Some("https://zwfw.example.gov.cn/item/1".into());
        s.locations = vec![Location {
            place: "区行政服务中心".into(),
            address: Some("人民路88号".into()),
            hours: Some("周一至周五 8:30-17:30".into()),
            phone: None,
        }];
        s.consult_phone = Some("0570-1234567".into());
        s.complaint_phone = "12345".into();
        s.result = Some(ServiceResult {
            name: "营业执照".into(),
            kind: None,
            sample: None,
        });
        s
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
    fn markdown_conditions_become_plain_text() {
        let mut s = service();
        s.conditions = Some(
            "1. 由**登记权利人（买方）**申请；\n2. 见[办事指南](https://zwfw.example.gov.cn/g)。"
                .into(),
        );
        let v: Value = serde_json::from_str(&service_jsonld(&config(), &s)).unwrap();
        let terms = v["termsOfService"].as_str().unwrap();
        assert!(
            terms.starts_with("受理条件：由登记权利人（买方）申请；\n见办事指南。\n设定依据"),
            "{terms}"
        );
        assert!(!terms.contains("**") && !terms.contains("](") && !terms.contains("https"));
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
        s.fees = Some(vec![
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
        ]);
        s.time_limit.as_mut().unwrap().promised = Duration::immediate();
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
    fn nothing_unstated_is_published() {
        let bare = Service::new("X-1", "某事项", ServiceType::Licence, "某局");
        let text = service_jsonld(&config(), &bare);
        let v: Value = serde_json::from_str(&text).unwrap();
        assert!(v.get("offers").is_none(), "{text}");
        assert!(v.get("availableChannel").is_none(), "{text}");
        for word in ["不收费", "原件", "1份", "必需", "P0D", "法律法规未规定"] {
            assert!(!text.contains(word), "{word} in {text}");
        }
        // A material stated by name only carries no particulars.
        let mut s = bare.clone();
        s.materials = Some(vec![Material {
            kind: None,
            copies: None,
            required: None,
            shared: false,
            ..service().materials.unwrap()[0].clone()
        }]);
        let v: Value = serde_json::from_str(&service_jsonld(&config(), &s)).unwrap();
        let mat = &v["offers"]["additionalProperty"][0];
        assert_eq!(mat["name"], "经营者身份证明");
        assert!(mat.get("value").is_none());
        assert!(v["offers"].get("price").is_none());
    }

    #[test]
    fn national_elements_in_schema_org_terms() {
        let mut s = service();
        s.aliases = vec!["开店执照".into()];
        s.topics = vec!["开办企业".into()];
        s.audience = vec![Audience::Person];
        s.department_code = Some("113301000024935417".into());
        s.basic_code = Some("000112001000".into());
        s.time_limit.as_mut().unwrap().promised = Duration::new(4, DayUnit::Hour);
        let v: Value = serde_json::from_str(&service_jsonld(&config(), &s)).unwrap();
        assert_eq!(v["alternateName"][0], "开店执照");
        assert_eq!(v["category"][0], "开办企业");
        assert_eq!(v["audience"][0]["audienceType"], "自然人");
        assert_eq!(v["provider"]["identifier"]["value"], "113301000024935417");
        assert_eq!(v["additionalProperty"][0]["value"], "000112001000");
        assert_eq!(v["availableChannel"][0]["processingTime"], "PT4H");
        s.channels = vec![Channel::Online, Channel::Mobile];
        let v: Value = serde_json::from_str(&service_jsonld(&config(), &s)).unwrap();
        let names: Vec<&str> = v["availableChannel"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|c| c["name"].as_str())
            .collect();
        assert_eq!(names, ["网上办理", "窗口办理：区行政服务中心", "掌上办理"]);
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
