//! Fitting a table to the terminal, after gh's table printer: a person
//! copies an ID, a state or a timestamp out of a table, so those are never
//! broken or shortened. When the rows are wider than the terminal, free
//! text (names, descriptions, messages) is elided with `…` down to a floor,
//! and then the least important columns (the last declared that are not
//! essential) are left out. Off a terminal nothing is fitted: a script gets
//! every cell whole.

use unicode_width::UnicodeWidthStr;

/// Spaces between two columns.
pub const GAP: usize = 2;

/// Free text is not elided below this many columns (or its header's width).
const ELIDED_FLOOR: usize = 12;

/// How a column gives way when the table is too wide.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Give {
    /// Kept while any other column can be left out.
    pub essential: bool,
    /// Free text, which may be cut short with `…`.
    pub elidable: bool,
}

impl Give {
    /// What a column's API name says about it: the first column (the ID)
    /// and a state or status are essential; names, descriptions, messages
    /// and tags are free text. An ID, a state, a timestamp or a user name is
    /// never elidable. A plan's verdict and its changes are what the plan is
    /// read for: kept, and cut short only when the terminal leaves no room.
    pub fn by_name(name: &str, first: bool) -> Give {
        let leaf = name.rsplit('.').next().unwrap_or(name).to_ascii_lowercase();
        let planned = leaf == "plan" || leaf == "changes";
        let essential = first || planned || leaf == "state" || leaf == "status";
        let elidable = planned
            || !leaf.ends_with("username")
                && ["name", "description", "message", "tags", "reason"]
                    .iter()
                    .any(|word| leaf.ends_with(word));
        Give {
            essential,
            elidable,
        }
    }
}

/// A table cut to a width: the columns kept, in their order, and the cells
/// of each, elided where they had to be.
#[derive(Debug, PartialEq, Eq)]
pub struct Fitted {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Headers of the columns left out.
    pub hidden: Vec<String>,
}

/// Fits `headers` and `rows` (cells already as text) into `width` terminal
/// columns; `None` (not a terminal) keeps everything whole.
pub fn fit(
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
    gives: &[Give],
    width: Option<usize>,
) -> Fitted {
    let Some(width) = width else {
        return Fitted {
            headers,
            rows,
            hidden: Vec::new(),
        };
    };
    let count = headers.len();
    let give = |i: usize| gives.get(i).copied().unwrap_or_default();
    let natural: Vec<usize> = (0..count)
        .map(|i| {
            rows.iter()
                .filter_map(|row| row.get(i))
                .map(|cell| cell.width())
                .chain([headers[i].width()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let floor: Vec<usize> = (0..count)
        .map(|i| {
            // Cutting a short name by a few letters leaves an ambiguous
            // stub ("HEA-FRONT-0…"): only text well past the floor is cut.
            if give(i).elidable && natural[i] > ELIDED_FLOOR + ELIDED_FLOOR / 3 {
                ELIDED_FLOOR.max(headers[i].width())
            } else {
                natural[i]
            }
        })
        .collect();
    let span = |kept: &[usize], widths: &[usize]| -> usize {
        kept.iter().map(|&i| widths[i]).sum::<usize>() + GAP * kept.len().saturating_sub(1)
    };

    let mut kept: Vec<usize> = (0..count).collect();
    while kept.len() > 1 && span(&kept, &floor) > width {
        // The last column that is not essential goes first; when only
        // essential ones are left, the last of those (never the first).
        let victim = kept
            .iter()
            .rposition(|&i| !give(i).essential)
            .filter(|&at| at > 0)
            .unwrap_or(kept.len() - 1);
        kept.remove(victim);
    }
    // A narrow column left out for a wide one may fit in what is left.
    for i in 0..count {
        if !kept.contains(&i) {
            let mut with = kept.clone();
            let at = with.partition_point(|&k| k < i);
            with.insert(at, i);
            if span(&with, &floor) <= width {
                kept = with;
            }
        }
    }

    let mut widths = natural.clone();
    while span(&kept, &widths) > width {
        let widest = kept
            .iter()
            .copied()
            .filter(|&i| widths[i] > floor[i])
            .max_by_key(|&i| widths[i]);
        match widest {
            Some(i) => widths[i] -= 1,
            None => break,
        }
    }

    let hidden = (0..count)
        .filter(|i| !kept.contains(i))
        .map(|i| headers[i].clone())
        .collect();
    let pick = |cells: &[String]| -> Vec<String> {
        kept.iter()
            .map(|&i| elide(cells.get(i).map_or("", String::as_str), widths[i]))
            .collect()
    };
    Fitted {
        headers: pick(&headers),
        rows: rows.iter().map(|row| pick(row)).collect(),
        hidden,
    }
}

/// `text` in at most `width` terminal columns, its end replaced by `…`
/// when it is longer.
pub fn elide(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    let mut kept = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        kept.push(c);
        used += w;
    }
    kept.push('…');
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| (*c).to_owned()).collect()
    }

    fn device_table() -> (Vec<String>, Vec<Vec<String>>, Vec<Give>) {
        let names = ["id", "name", "status", "softwareSet", "lastUserId"];
        let gives = names
            .iter()
            .enumerate()
            .map(|(i, n)| Give::by_name(n, i == 0))
            .collect();
        (
            strings(&["ID", "NAME", "STATUS", "SOFTWARE SET", "LAST USER"]),
            vec![strings(&[
                "0x2PsZrMzvxSnK6zDy5TxsVL",
                "HEA-FRONT-000 reception desk by the door",
                "REGISTERED",
                "375440",
                "emeka.haddad",
            ])],
            gives,
        )
    }

    #[test]
    fn off_a_terminal_nothing_is_cut() {
        let (headers, rows, gives) = device_table();
        let fitted = fit(headers.clone(), rows.clone(), &gives, None);
        assert_eq!(fitted.headers, headers);
        assert_eq!(fitted.rows, rows);
    }

    #[test]
    fn free_text_is_elided_before_a_column_is_left_out() {
        let (headers, rows, gives) = device_table();
        let fitted = fit(headers, rows, &gives, Some(80));
        assert!(fitted.hidden.is_empty());
        let line = fitted.rows[0].join("  ");
        assert!(line.width() <= 80, "{line}");
        assert!(fitted.rows[0][1].ends_with('…'), "{:?}", fitted.rows[0]);
        assert_eq!(fitted.rows[0][0], "0x2PsZrMzvxSnK6zDy5TxsVL");
    }

    #[test]
    fn the_least_important_columns_go_and_ids_and_states_stay_whole() {
        let (headers, rows, gives) = device_table();
        let fitted = fit(headers, rows, &gives, Some(52));
        assert_eq!(fitted.hidden, ["SOFTWARE SET", "LAST USER"]);
        assert_eq!(fitted.headers, ["ID", "NAME", "STATUS"]);
        assert_eq!(fitted.rows[0][0], "0x2PsZrMzvxSnK6zDy5TxsVL");
        assert_eq!(fitted.rows[0][2], "REGISTERED");
        assert!(fitted.rows[0].join("  ").width() <= 52);
    }

    #[test]
    fn a_too_narrow_terminal_keeps_the_id_whole() {
        let (headers, rows, gives) = device_table();
        let fitted = fit(headers, rows, &gives, Some(10));
        assert_eq!(fitted.headers, ["ID"]);
        assert_eq!(fitted.rows[0], ["0x2PsZrMzvxSnK6zDy5TxsVL"]);
    }

    #[test]
    fn what_a_name_says_about_a_column() {
        assert!(Give::by_name("State", false).essential);
        assert!(Give::by_name("WorkspaceName", false).elidable);
        assert!(!Give::by_name("UserName", false).elidable);
        assert!(!Give::by_name("lastPostureAt", false).elidable);
        assert!(!Give::by_name("arn", false).elidable);
        assert!(Give::by_name("plan", false).essential && Give::by_name("plan", false).elidable);
        assert!(Give::by_name("changes", false).essential);
        assert_eq!(elide("abcdef", 4), "abc…");
        assert_eq!(elide("abc", 4), "abc");
    }
}
