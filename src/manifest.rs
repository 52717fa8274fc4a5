//! The build manifest, `.gongkai-manifest` in the output: what the previous build made
//! from what, so that the next build renders only what an edit affects.
//!
//! It holds the tool (version and a hash of the program itself), a hash of site.yaml
//! and of the theme, a content hash of each input (blake3 of the parsed content of each
//! content file, of the bytes of each attachment), the *units* — outputs whose inputs are
//! known exactly: an item's page, print page and DOCX; a centre's binder of forms; the
//! catalogue's listing pages, whose rows change only with their items — each with a key
//! over its inputs and the files it made, and every output file with its hash and size.
//! Everything else (summaries, search index, data files) is rendered again by every build
//! and written only when its bytes changed.
//!
//! A unit is rendered again unless the previous manifest was written by the same program
//! for the same drafts setting, holds the unit with the same key, and every file the unit
//! made is still in the output as the build left it (same size, not modified after the
//! manifest). When in doubt, the unit is rendered: the result is always the same bytes as
//! a full build.

use crate::load::Theme;
use crate::model::Site;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// The manifest's file name in the output folder.
pub const FILE: &str = ".gongkai-manifest";

/// The manifest's format; a manifest of another format is ignored.
pub const FORMAT: u32 = 1;

/// A content hash: blake3, the first 128 bits as 32 hex digits.
pub fn hash(bytes: &[u8]) -> String {
    hex(blake3::hash(bytes).as_bytes())
}

/// The hex form [`hash`] gives of a finished blake3 hash (e.g. of a file hashed as it
/// is written).
pub fn hex_of(hash: blake3::Hash) -> String {
    hex(hash.as_bytes())
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(32);
    for b in &bytes[..16] {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// The hash of `value` serialized as JSON: every field of a model, in order.
fn hash_of<T: Serialize>(value: &T) -> String {
    // Serialized whole, then hashed: the hasher is slow at the many short writes of a
    // serializer (at 100,000 items 2.4–3.5 s instead of 4.7 s; at 10,000, 120–234 ms
    // instead of 490 ms).
    match serde_json::to_vec(value) {
        Ok(bytes) => hex(blake3::hash(&bytes).as_bytes()),
        // Not serializable (a NaN): never equal to anything, so always rendered.
        Err(_) => format!("unhashable-{}", std::process::id()),
    }
}

/// The hash of several hashes and texts, each length-prefixed.
fn combine<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    let mut h = blake3::Hasher::new();
    for p in parts {
        h.update(&(p.len() as u64).to_le_bytes());
        h.update(p.as_bytes());
    }
    hex(h.finalize().as_bytes())
}

/// This program: its version and a hash of its executable, so that a manifest written by
/// any other build of gongkai (whose pages may differ) is never trusted.
pub fn tool() -> &'static str {
    static TOOL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TOOL.get_or_init(|| {
        let exe = std::env::current_exe()
            .and_then(std::fs::read)
            .map(|b| hash(&b))
            .unwrap_or_else(|_| format!("unknown-{}", std::process::id()));
        format!("gongkai {} {exe}", env!("CARGO_PKG_VERSION"))
    })
}

/// An output file as the manifest records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Output {
    /// [`hash`] of its bytes.
    pub hash: String,
    /// Its size in bytes.
    pub size: u64,
}

/// Outputs made from inputs known exactly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unit {
    /// Hash over the tool, site.yaml, theme, free pages and the unit's own inputs.
    pub key: String,
    /// The inputs (paths under the site root) the unit is made from, besides site.yaml,
    /// the theme and the free pages.
    pub inputs: Vec<String>,
    /// The files it made (paths in the output).
    pub outputs: Vec<String>,
}

/// The whole manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// [`FORMAT`].
    pub format: u32,
    /// [`tool`].
    pub tool: String,
    /// Whether drafts were built.
    pub drafts: bool,
    /// Hash of site.yaml (parsed).
    pub site_yaml: String,
    /// Hash of the theme's templates and assets.
    pub theme: String,
    /// Every published input (path under the site root) with its hash; drafts are left
    /// out unless they were built.
    pub inputs: BTreeMap<String, String>,
    /// Units by name (`services/<code>`, `centers/<slug>/forms`).
    pub units: BTreeMap<String, Unit>,
    /// Every output file but the manifest.
    pub outputs: BTreeMap<String, Output>,
}

impl Manifest {
    /// The manifest as written to the output.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut v = Vec::new();
        // Into memory it fails only where serialization does, which it does not here.
        let _ = self.write_to(&mut v);
        v
    }

    /// Writes [`Manifest::to_bytes`] to `out` as it is serialized (64 MB at 100,000 items).
    pub fn write_to(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
        serde_json::to_writer(&mut out, self)?;
        std::io::Write::write_all(&mut out, b"\n")?;
        std::io::Write::flush(&mut out)
    }

    /// The manifest in `bytes`, when it is one of this format written by this program.
    pub fn parse(bytes: &[u8]) -> Option<Manifest> {
        let m: Manifest = serde_json::from_slice(bytes).ok()?;
        (m.format == FORMAT && m.tool == tool()).then_some(m)
    }
}

/// The inputs of a site about to be built, hashed, and its units' keys.
#[derive(Debug, Clone)]
pub struct Inputs {
    drafts: bool,
    site_yaml: String,
    theme: String,
    inputs: BTreeMap<String, String>,
    units: BTreeMap<String, Unit>,
    /// Item codes, for [`Inputs::unit_of`].
    services: std::collections::HashSet<String>,
    /// Centre slugs.
    centres: std::collections::HashSet<String>,
}

/// The unit name of an item.
pub fn service_unit(code: &str) -> String {
    format!("services/{code}")
}

/// The unit name of the catalogue's pages and its facet listings, taken together.
pub const LISTINGS_UNIT: &str = "listings";

/// The unit name of a centre's binder.
pub fn binder_unit(slug: &str) -> String {
    format!("centers/{slug}/forms")
}

impl Inputs {
    /// Hashes the inputs of `site` (drafts already removed unless `drafts`) and `theme`.
    pub fn of(site: &Site, theme: &Theme, drafts: bool) -> Inputs {
        let site_yaml = hash_of(&site.config);
        let mut theme_parts: Vec<String> = Vec::new();
        for (name, t) in &theme.templates {
            theme_parts.extend([name.clone(), t.origin.clone(), hash(t.text.as_bytes())]);
        }
        for (path, bytes) in &theme.assets {
            theme_parts.extend([path.clone(), hash(bytes)]);
        }
        let theme_hash = combine(theme_parts.iter().map(String::as_str));
        // An item is a function of its file's text, site.yaml and the language its
        // messages are in (all three in every unit's key): the hash the parse took of
        // the text stands for the item. An item without one (made other than by parsing
        // a file) is hashed whole. In this thread: the look-ups take a millisecond, and
        // the thread pool may be busy with the summaries for a third of a second.
        let services: Vec<(String, String)> = site
            .services
            .iter()
            .map(|s| {
                let h = match site.source_hashes.get(&s.source) {
                    Some(text) => text.clone(),
                    None => hash_of(s),
                };
                (s.source.clone(), h)
            })
            .collect();
        let mut inputs: BTreeMap<String, String> = BTreeMap::new();
        inputs.insert(crate::load::SITE_YAML.to_string(), site_yaml.clone());
        inputs.extend(services.iter().cloned());
        inputs.extend(site.plans.iter().map(|p| (p.source.clone(), hash_of(p))));
        inputs.extend(site.notices.iter().map(|n| (n.source.clone(), hash_of(n))));
        inputs.extend(site.centres.iter().map(|c| (c.source.clone(), hash_of(c))));
        inputs.extend(site.pages.iter().map(|p| (p.source.clone(), hash_of(p))));
        inputs.extend(
            site.static_files
                .iter()
                .map(|f| (format!("content/static/{}", f.path), hash(&f.bytes))),
        );
        // What every page shows: the tool, site.yaml, the theme, the free pages (linked
        // from every footer), whether drafts are built.
        let mut global_parts = vec![
            FORMAT.to_string(),
            tool().to_string(),
            drafts.to_string(),
            format!("{:?}", crate::diag::lang::current()),
            site_yaml.clone(),
            theme_hash.clone(),
        ];
        for p in &site.pages {
            global_parts.push(inputs[&p.source].clone());
        }
        let global = combine(global_parts.iter().map(String::as_str));

        // An item's page, print page and DOCX show the item itself (its file's text,
        // hashed), what every page shows and the centres that handle it (by name and
        // address), nothing else. Anything else they come to show must go into this key;
        // tests/suite/incremental.rs compares with a full build after each kind of edit.
        let mut centres_of: HashMap<&str, Vec<&crate::model::Centre>> = HashMap::new();
        for c in &site.centres {
            for code in &c.services {
                centres_of.entry(code.as_str()).or_default().push(c);
            }
        }
        let mut units = BTreeMap::new();
        for (s, (_, h)) in site.services.iter().zip(&services) {
            let centres = centres_of.get(s.code.as_str()).cloned().unwrap_or_default();
            let mut parts = vec![global.as_str(), s.code.as_str(), h.as_str()];
            for c in &centres {
                parts.extend([c.name.as_str(), c.slug.as_str()]);
            }
            let mut unit_inputs = vec![s.source.clone()];
            unit_inputs.extend(centres.iter().map(|c| c.source.clone()));
            units.insert(
                service_unit(&s.code),
                Unit {
                    key: combine(parts),
                    inputs: unit_inputs,
                    outputs: Vec::new(),
                },
            );
        }
        // The catalogue and its facet listings: which pages there are and which items
        // each lists ([`crate::render::html::listing_key`]), and what every page shows.
        // Each item's row on them shows the item, whose own unit says whether it changed:
        // a build keeps the listing pages of this unit that list no changed item.
        let listing_key = crate::render::html::listing_key(site).to_string();
        units.insert(
            LISTINGS_UNIT.to_string(),
            Unit {
                key: combine([global.as_str(), LISTINGS_UNIT, listing_key.as_str()]),
                inputs: Vec::new(),
                outputs: Vec::new(),
            },
        );
        // A centre's binder holds the forms of its items.
        for c in &site.centres {
            let mut parts = vec![global.clone(), c.slug.clone(), inputs[&c.source].clone()];
            let mut unit_inputs = vec![c.source.clone()];
            for code in &c.services {
                match site.service(code) {
                    Some(s) => {
                        parts.extend([code.clone(), inputs[&s.source].clone()]);
                        unit_inputs.push(s.source.clone());
                    }
                    None => parts.extend([code.clone(), "-".to_string()]),
                }
            }
            units.insert(
                binder_unit(&c.slug),
                Unit {
                    key: combine(parts.iter().map(String::as_str)),
                    inputs: unit_inputs,
                    outputs: Vec::new(),
                },
            );
        }
        Inputs {
            drafts,
            site_yaml,
            theme: theme_hash,
            inputs,
            units,
            services: site.services.iter().map(|s| s.code.clone()).collect(),
            centres: site.centres.iter().map(|c| c.slug.clone()).collect(),
        }
    }

    /// The unit the output file at `path` belongs to, if any.
    pub fn unit_of(&self, path: &str) -> Option<String> {
        use crate::route::Route;
        if crate::render::html::is_listing_page(path) {
            return Some(LISTINGS_UNIT.to_string());
        }
        let mut segments = path.split('/');
        let (section, name) = (segments.next()?, segments.next()?);
        match section {
            "services" if self.services.contains(name) => [
                Route::Service(name),
                Route::ServicePrint(name),
                Route::ServiceDocx(name),
            ]
            .iter()
            .any(|r| r.rel_path() == path)
            .then(|| service_unit(name)),
            "centers" if self.centres.contains(name) => {
                (Route::CentreBinder(name).rel_path() == path).then(|| binder_unit(name))
            }
            _ => None,
        }
    }

    /// The units whose outputs the previous build left as they are: the same key in
    /// `previous`, and each of their files in `verified` (still as the manifest says).
    pub fn unchanged_units(
        &self,
        previous: &Manifest,
        verified: &HashMap<String, Output>,
    ) -> BTreeMap<String, Vec<(String, Output)>> {
        if previous.drafts != self.drafts {
            return BTreeMap::new();
        }
        self.units
            .iter()
            .filter_map(|(name, unit)| {
                let old = previous.units.get(name)?;
                if old.key != unit.key || old.outputs.is_empty() {
                    return None;
                }
                let files: Option<Vec<(String, Output)>> = old
                    .outputs
                    .iter()
                    .map(|p| verified.get(p).map(|o| (p.clone(), o.clone())))
                    .collect();
                Some((name.clone(), files?))
            })
            .collect()
    }

    /// The manifest of a build of these inputs that made `outputs`.
    pub fn manifest(&self, outputs: BTreeMap<String, Output>) -> Manifest {
        let mut units = self.units.clone();
        for path in outputs.keys() {
            if let Some(u) = self.unit_of(path).and_then(|n| units.get_mut(&n)) {
                u.outputs.push(path.clone());
            }
        }
        Manifest {
            format: FORMAT,
            tool: tool().to_string(),
            drafts: self.drafts,
            site_yaml: self.site_yaml.clone(),
            theme: self.theme.clone(),
            inputs: self.inputs.clone(),
            units,
            outputs,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_blake3_and_stable() {
        assert_eq!(hash(b""), "af1349b9f5f9a1a6a0404dea36dcc949");
        assert_eq!(combine(["a", "bc"]), combine(["a", "bc"]));
        assert_ne!(combine(["ab", "c"]), combine(["a", "bc"]));
    }

    #[test]
    fn outputs_belong_to_the_unit_that_made_them() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let parsed = crate::build::check(root);
        let site = parsed.site.unwrap();
        let inputs = Inputs::of(&site, &parsed.theme, false);
        let code = &site.services[0].code;
        let slug = &site.centres[0].slug;
        for (path, unit) in [
            (
                format!("services/{code}/index.html"),
                Some(service_unit(code)),
            ),
            (
                format!("services/{code}/print/index.html"),
                Some(service_unit(code)),
            ),
            (
                format!("services/{code}/{code}.docx"),
                Some(service_unit(code)),
            ),
            (format!("services/{code}/other.docx"), None),
            (
                "services/page/2/index.html".into(),
                Some(LISTINGS_UNIT.to_string()),
            ),
            (
                "services/index.html".into(),
                Some(LISTINGS_UNIT.to_string()),
            ),
            ("services/completeness/index.html".into(), None),
            (
                format!("centers/{slug}/{slug}-forms.docx"),
                Some(binder_unit(slug)),
            ),
            (format!("centers/{slug}/index.html"), None),
        ] {
            assert_eq!(inputs.unit_of(&path), unit, "{path}");
        }
        let m = inputs.manifest(BTreeMap::new());
        assert_eq!(Manifest::parse(&m.to_bytes()), Some(m));
    }

    #[test]
    fn an_item_is_known_by_the_hash_of_its_text() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let parsed = crate::build::check(root);
        let mut site = parsed.site.unwrap();
        let s = &site.services[0];
        let text = std::fs::read(root.join(&s.source)).unwrap();
        let text = crate::load::decode(&s.source, &text).unwrap();
        assert_eq!(site.source_hashes[&s.source], hash(text.as_bytes()));
        let inputs = Inputs::of(&site, &parsed.theme, false);
        assert_eq!(inputs.inputs[&s.source], hash(text.as_bytes()));
        // An item made other than from a file is hashed whole, and so still told apart.
        let source = s.source.clone();
        site.source_hashes.clear();
        let whole = Inputs::of(&site, &parsed.theme, false);
        assert_eq!(whole.inputs[&source], hash_of(&site.services[0]));
        site.services[0].name.push('改');
        let edited = Inputs::of(&site, &parsed.theme, false);
        let unit = service_unit(&site.services[0].code);
        assert_ne!(edited.units[&unit].key, whole.units[&unit].key);
    }
}
