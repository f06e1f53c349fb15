//! Reading awsJson1.1 request members and checking them against the model's
//! constraints, with the service's error codes and message style.

use serde_json::{Map, Value};

use super::error::WsError;

/// One JSON object of a request, with the member path that leads to it so
/// that errors name the member as the service does (`workspaceProperties.runningMode`).
#[derive(Clone)]
pub struct Input<'a> {
    members: Option<&'a Map<String, Value>>,
    path: String,
}

/// The model's member names are PascalCase; the service's validation
/// messages name them in camelCase.
fn camel(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_ascii_lowercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

fn wrong_type(path: &str, expected: &str) -> WsError {
    WsError::serialization(format!("member '{path}' must be {expected}"))
}

impl<'a> Input<'a> {
    /// The request body. An absent body (`null`) reads as an empty object.
    pub fn root(value: &'a Value) -> Result<Self, WsError> {
        match value {
            Value::Object(members) => Ok(Self {
                members: Some(members),
                path: String::new(),
            }),
            Value::Null => Ok(Self {
                members: None,
                path: String::new(),
            }),
            _ => Err(WsError::serialization(
                "the request body must be a JSON object",
            )),
        }
    }

    /// The member path of `name` inside this object, for error messages.
    pub fn path_of(&self, name: &str) -> String {
        if self.path.is_empty() {
            camel(name)
        } else {
            format!("{}.{}", self.path, camel(name))
        }
    }

    fn get(&self, name: &str) -> Option<&'a Value> {
        self.members
            .and_then(|members| members.get(name))
            .filter(|value| !value.is_null())
    }

    pub fn str(&self, name: &str) -> Result<Option<&'a str>, WsError> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::String(text)) => Ok(Some(text)),
            Some(_) => Err(wrong_type(&self.path_of(name), "a string")),
        }
    }

    pub fn required_str(&self, name: &str) -> Result<&'a str, WsError> {
        self.str(name)?.ok_or_else(|| missing(&self.path_of(name)))
    }

    pub fn bool(&self, name: &str) -> Result<Option<bool>, WsError> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::Bool(flag)) => Ok(Some(*flag)),
            Some(_) => Err(wrong_type(&self.path_of(name), "a boolean")),
        }
    }

    pub fn int(&self, name: &str) -> Result<Option<i64>, WsError> {
        match self.get(name) {
            None => Ok(None),
            Some(value) => value
                .as_i64()
                .map(Some)
                .ok_or_else(|| wrong_type(&self.path_of(name), "an integer")),
        }
    }

    fn list(&self, name: &str) -> Result<Option<&'a Vec<Value>>, WsError> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::Array(items)) => Ok(Some(items)),
            Some(_) => Err(wrong_type(&self.path_of(name), "a list")),
        }
    }

    pub fn strings(&self, name: &str) -> Result<Option<Vec<&'a str>>, WsError> {
        let Some(items) = self.list(name)? else {
            return Ok(None);
        };
        items
            .iter()
            .enumerate()
            .map(|(index, item)| {
                item.as_str().ok_or_else(|| {
                    wrong_type(
                        &format!("{}.{}.member", self.path_of(name), index + 1),
                        "a string",
                    )
                })
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Some)
    }

    pub fn object(&self, name: &str) -> Result<Option<Input<'a>>, WsError> {
        let path = self.path_of(name);
        match self.get(name) {
            None => Ok(None),
            Some(Value::Object(members)) => Ok(Some(Input {
                members: Some(members),
                path,
            })),
            Some(_) => Err(wrong_type(&path, "an object")),
        }
    }

    /// A list of objects; the N-th is named `list.N.member` in errors.
    pub fn objects(&self, name: &str) -> Result<Option<Vec<Input<'a>>>, WsError> {
        let Some(items) = self.list(name)? else {
            return Ok(None);
        };
        let list_path = self.path_of(name);
        items
            .iter()
            .enumerate()
            .map(|(index, item)| {
                let path = format!("{list_path}.{}.member", index + 1);
                match item {
                    Value::Object(members) => Ok(Input {
                        members: Some(members),
                        path,
                    }),
                    _ => Err(wrong_type(&path, "an object")),
                }
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Some)
    }

    /// An optional identifier member, checked against its pattern.
    pub fn id(&self, name: &str, pattern: &IdPattern) -> Result<Option<&'a str>, WsError> {
        let id = self.str(name)?;
        if let Some(id) = id {
            pattern.check(&self.path_of(name), id)?;
        }
        Ok(id)
    }

    pub fn required_id(&self, name: &str, pattern: &IdPattern) -> Result<&'a str, WsError> {
        self.id(name, pattern)?
            .ok_or_else(|| missing(&self.path_of(name)))
    }

    /// An optional list of 1 to 25 identifiers, as the Describe operations
    /// take them, each checked against its pattern.
    pub fn id_list(
        &self,
        name: &str,
        pattern: &IdPattern,
    ) -> Result<Option<Vec<&'a str>>, WsError> {
        let ids = self.strings(name)?;
        if let Some(ids) = &ids {
            let path = self.path_of(name);
            check_count(&path, ids.len(), 1, 25)?;
            pattern.check_all(&path, ids)?;
        }
        Ok(ids)
    }

    /// The raw JSON of this object, for echoing a request back.
    pub fn raw(&self) -> Option<&'a Map<String, Value>> {
        self.members
    }
}

pub fn constraint_failure(path: &str, value: &str, constraint: &str) -> WsError {
    WsError::validation(format!(
        "1 validation error detected: Value '{value}' at '{path}' failed to satisfy constraint: {constraint}"
    ))
}

/// AwsAccount: `^\d{12}$`.
pub fn check_account(path: &str, account: &str) -> Result<(), WsError> {
    if account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(constraint_failure(
            path,
            account,
            "Member must satisfy regular expression pattern: ^\\d{12}$",
        ))
    }
}

pub fn missing(path: &str) -> WsError {
    WsError::validation(format!(
        "1 validation error detected: Value null at '{path}' failed to satisfy constraint: Member must not be null"
    ))
}

/// The characters an identifier may use after its prefix.
#[derive(Clone, Copy)]
pub enum IdChars {
    LowerAlphanumeric,
    LowerHex,
}

/// An identifier pattern of the model, such as `^ws-[0-9a-z]{8,63}$`.
pub struct IdPattern {
    pub prefix: &'static str,
    pub chars: IdChars,
    pub min: usize,
    pub max: usize,
    /// Another form the identifier may take instead, as `wsd-` for a directory.
    pub or: Option<&'static IdPattern>,
    pub text: &'static str,
}

pub const WORKSPACE_ID: IdPattern = IdPattern {
    prefix: "ws-",
    chars: IdChars::LowerAlphanumeric,
    min: 8,
    max: 63,
    or: None,
    text: "^ws-[0-9a-z]{8,63}$",
};
pub const DIRECTORY_ID: IdPattern = IdPattern {
    prefix: "d-",
    chars: IdChars::LowerHex,
    min: 8,
    max: 63,
    or: Some(&IdPattern {
        prefix: "wsd-",
        chars: IdChars::LowerAlphanumeric,
        min: 8,
        max: 63,
        or: None,
        text: "^wsd-[0-9a-z]{8,63}$",
    }),
    text: "^(d-[0-9a-f]{8,63}$)|(wsd-[0-9a-z]{8,63}$)",
};
pub const BUNDLE_ID: IdPattern = IdPattern {
    prefix: "wsb-",
    chars: IdChars::LowerAlphanumeric,
    min: 8,
    max: 63,
    or: None,
    text: "^wsb-[0-9a-z]{8,63}$",
};
pub const IMAGE_ID: IdPattern = IdPattern {
    prefix: "wsi-",
    chars: IdChars::LowerAlphanumeric,
    min: 9,
    max: 63,
    or: None,
    text: "wsi-[0-9a-z]{9,63}$",
};
pub const APPLICATION_ID: IdPattern = IdPattern {
    prefix: "wsa-",
    chars: IdChars::LowerAlphanumeric,
    min: 8,
    max: 63,
    or: None,
    text: "^wsa-[0-9a-z]{8,63}$",
};

impl IdPattern {
    pub fn matches(&self, value: &str) -> bool {
        let allowed = |c: char| match self.chars {
            IdChars::LowerAlphanumeric => c.is_ascii_digit() || c.is_ascii_lowercase(),
            IdChars::LowerHex => c.is_ascii_digit() || ('a'..='f').contains(&c),
        };
        let this_form = value.strip_prefix(self.prefix).is_some_and(|rest| {
            (self.min..=self.max).contains(&rest.len()) && rest.chars().all(allowed)
        });
        this_form || self.or.is_some_and(|other| other.matches(value))
    }

    pub fn check(&self, path: &str, value: &str) -> Result<(), WsError> {
        if self.matches(value) {
            Ok(())
        } else {
            Err(constraint_failure(
                path,
                value,
                &format!(
                    "Member must satisfy regular expression pattern: {}",
                    self.text
                ),
            ))
        }
    }

    /// Checks every identifier of a list member, named `path.N.member`.
    pub fn check_all(&self, path: &str, values: &[&str]) -> Result<(), WsError> {
        values.iter().enumerate().try_for_each(|(index, value)| {
            self.check(&format!("{path}.{}.member", index + 1), value)
        })
    }
}

/// A free-text pattern of the model: a set of allowed characters and a length
/// range, such as WorkspaceImageName `^[a-zA-Z0-9_./()\\-]+$` (1..=64).
pub struct TextPattern {
    pub extra_chars: &'static str,
    pub min: usize,
    pub max: usize,
    pub text: &'static str,
}

pub const IMAGE_NAME: TextPattern = TextPattern {
    extra_chars: "_./()\\-",
    min: 1,
    max: 64,
    text: "^[a-zA-Z0-9_./()\\\\-]+$",
};
pub const IMAGE_DESCRIPTION: TextPattern = TextPattern {
    extra_chars: "_./() -",
    min: 1,
    max: 256,
    text: "^[a-zA-Z0-9_./() -]+$",
};

impl TextPattern {
    pub fn check(&self, path: &str, value: &str) -> Result<(), WsError> {
        let length = value.chars().count();
        if !(self.min..=self.max).contains(&length) {
            return Err(constraint_failure(
                path,
                value,
                &format!(
                    "Member must have length between {} and {}",
                    self.min, self.max
                ),
            ));
        }
        if value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || self.extra_chars.contains(c))
        {
            Ok(())
        } else {
            Err(constraint_failure(
                path,
                value,
                &format!(
                    "Member must satisfy regular expression pattern: {}",
                    self.text
                ),
            ))
        }
    }
}

/// WorkspaceName: `^[a-zA-Z0-9_()][a-zA-Z0-9_.()-]{1,63}$`.
pub fn check_workspace_name(path: &str, value: &str) -> Result<(), WsError> {
    let mut chars = value.chars();
    let first_ok = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric() || "_()".contains(c));
    let rest: Vec<char> = chars.collect();
    let rest_ok = (1..=63).contains(&rest.len())
        && rest
            .iter()
            .all(|c| c.is_ascii_alphanumeric() || "_.()-".contains(*c));
    if first_ok && rest_ok {
        Ok(())
    } else {
        Err(constraint_failure(
            path,
            value,
            "Member must satisfy regular expression pattern: ^[a-zA-Z0-9_()][a-zA-Z0-9_.()-]{1,63}$",
        ))
    }
}

pub fn check_enum(path: &str, value: &str, allowed: &[&str]) -> Result<(), WsError> {
    if allowed.contains(&value) {
        Ok(())
    } else {
        Err(constraint_failure(
            path,
            value,
            &format!(
                "Member must satisfy enum value set: [{}]",
                allowed.join(", ")
            ),
        ))
    }
}

pub fn check_enums(path: &str, values: &[&str], allowed: &[&str]) -> Result<(), WsError> {
    values.iter().enumerate().try_for_each(|(index, value)| {
        check_enum(&format!("{path}.{}.member", index + 1), value, allowed)
    })
}

/// The number of members of a list, as the model's `@length` on a list.
pub fn check_count(path: &str, count: usize, min: usize, max: usize) -> Result<(), WsError> {
    if (min..=max).contains(&count) {
        Ok(())
    } else {
        Err(WsError::validation(format!(
            "1 validation error detected: Value with {count} elements at '{path}' failed to satisfy constraint: Member must have length between {min} and {max}, inclusive"
        )))
    }
}

/// The length of a string member, as the model's `@length` on a string.
pub fn check_length(path: &str, value: &str, min: usize, max: usize) -> Result<(), WsError> {
    if (min..=max).contains(&value.chars().count()) {
        Ok(())
    } else {
        Err(constraint_failure(
            path,
            value,
            &format!("Member must have length between {min} and {max}, inclusive"),
        ))
    }
}

pub fn check_range(path: &str, value: i64, min: i64, max: i64) -> Result<(), WsError> {
    if (min..=max).contains(&value) {
        Ok(())
    } else {
        Err(constraint_failure(
            path,
            &value.to_string(),
            &format!("Member must have value between {min} and {max}, inclusive"),
        ))
    }
}

/// A page size member such as `Limit` or `MaxResults`: `default` when absent.
pub fn page_size(input: &Input, name: &str, max: i64, default: usize) -> Result<usize, WsError> {
    match input.int(name)? {
        None => Ok(default),
        Some(size) => {
            check_range(&input.path_of(name), size, 1, max)?;
            usize::try_from(size).map_err(|_| WsError::validation("page size out of range"))
        }
    }
}
