//! One catalogue table, any bytes: read as CSV (UTF-8, BOM or GBK; `,` `;` or tab), its
//! header found, its cells split into items, materials, steps and fees, and each item
//! written as the YAML file the import would write. Nothing may panic, and no input may
//! take long.
#![no_main]

use gongkai::import::{items, materials, table, yaml_out};
use libfuzzer_sys::fuzz_target;
use std::collections::BTreeMap;

fuzz_target!(|data: &[u8]| {
    let Ok(rows) = table::read_csv(data) else {
        return;
    };
    for cell in rows.iter().flatten() {
        let _ = materials::split(cell);
        let _ = items::split_note(cell);
    }
    let sheets = [table::Sheet {
        name: "事项".to_string(),
        rows,
    }];
    let gathered = items::gather(&sheets, &BTreeMap::new());
    for item in gathered.items.values() {
        let (text, _) = yaml_out::merge(item, None);
        // What was written is read again as an existing file.
        let _ = yaml_out::merge(item, Some(&text));
    }
});
