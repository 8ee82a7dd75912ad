//! A database as text, to compare it before and after a command.

use std::path::Path;

/// Every row of every table, as text, sorted: equal before and after a command that must change
/// nothing.
pub fn dump(db: &Path) -> Vec<String> {
    let c = rusqlite::Connection::open(db).expect("open db");
    let tables: Vec<String> = {
        let mut st = c
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .expect("tables");
        st.query_map([], |r| r.get(0))
            .expect("q")
            .collect::<Result<_, _>>()
            .expect("rows")
    };
    let mut out = Vec::new();
    for t in tables {
        let mut st = c
            .prepare(&format!("SELECT * FROM \"{t}\""))
            .expect("select");
        let n = st.column_count();
        let rows = st
            .query_map([], |r| {
                let mut s = String::new();
                for i in 0..n {
                    s.push_str(&format!("{:?}|", r.get_ref(i)?));
                }
                Ok(s)
            })
            .expect("rows");
        for r in rows {
            out.push(format!("{t}: {}", r.expect("row")));
        }
    }
    out.sort();
    out
}
