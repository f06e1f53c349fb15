//! The directory operations' string members, checked against the API
//! model's patterns and lengths before any request: a value the service
//! would refuse is a usage error (exit 2) naming the flag.

use crate::error::{AppError, Result};
use crate::validate::printable;

/// A pattern of the model (matched whole), its length range, and how the
/// usage error describes it.
pub struct Pattern {
    pub regex: &'static str,
    pub min: usize,
    pub max: usize,
    pub expected: &'static str,
}

pub const SUBNET_ID: Pattern = Pattern {
    regex: r"^subnet-([0-9a-f]{8}|[0-9a-f]{17})$",
    min: 15,
    max: 24,
    expected: "subnet- and 8 or 17 lowercase hex digits",
};
pub const SECURITY_GROUP_ID: Pattern = Pattern {
    regex: r"^sg-([0-9a-f]{8}|[0-9a-f]{17})$",
    min: 11,
    max: 20,
    expected: "sg- and 8 or 17 lowercase hex digits",
};
pub const DIRECTORY_NAME: Pattern = Pattern {
    regex: r"^[a-zA-Z0-9][a-zA-Z0-9_.\s-]{1,64}$",
    min: 2,
    max: 65,
    expected: "a letter or digit, then 1 to 64 letters, digits, spaces or _ . -",
};
pub const DIRECTORY_DESCRIPTION: Pattern = Pattern {
    regex: r"^([a-zA-Z0-9_])[\\a-zA-Z0-9_@#%*+=:?./!\s-]{1,255}$",
    min: 2,
    max: 256,
    expected: "a letter, digit or _, then 1 to 255 letters, digits, spaces or \\ _ @ # % * + = : ? . / ! -",
};
pub const ARN: Pattern = Pattern {
    regex: r"^arn:aws[a-z-]{0,7}:[A-Za-z0-9][A-za-z0-9_/.-]{0,62}:[A-za-z0-9_/.-]{0,63}:[A-za-z0-9_/.-]{0,63}:[A-Za-z0-9][A-Za-z0-9:_/+=,@.\\-]{0,1023}$",
    min: 1,
    max: 1300,
    expected: "arn:aws:SERVICE:REGION:ACCOUNT:RESOURCE",
};
pub const SECRET_ARN: Pattern = Pattern {
    regex: r"^arn:aws[a-z-]{0,7}:secretsmanager:[A-za-z0-9_/.-]{0,63}:[A-za-z0-9_/.-]{0,63}:secret:[A-Za-z0-9][A-za-z0-9_/.-]{8,519}$",
    min: 1,
    max: 700,
    expected: "arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME",
};
pub const CERTIFICATE_AUTHORITY_ARN: Pattern = Pattern {
    regex: r"^arn:[\w+=/,.@-]+:[\w+=/,.@-]+:[\w+=/,.@-]*:[0-9]*:[\w+=,.@-]+(/[\w+=,.@-]+)*$",
    min: 5,
    max: 200,
    expected: "arn:aws:acm-pca:REGION:ACCOUNT:certificate-authority/ID (5 to 200 characters)",
};
pub const DOMAIN_NAME: Pattern = Pattern {
    regex: r"^([a-zA-Z0-9]+[.-])+([a-zA-Z0-9])+$",
    min: 3,
    max: 255,
    expected: "a domain name such as corp.example.com",
};
pub const ENTRA_TENANT: Pattern = Pattern {
    regex: r"^[a-zA-Z0-9-]{1,100}$",
    min: 1,
    max: 100,
    expected: "1 to 100 letters, digits or -",
};
pub const SAML_USER_ACCESS_URL: Pattern = Pattern {
    regex: r"^(http|https)://\S+$",
    min: 8,
    max: 200,
    expected: "an http:// or https:// URL of 8 to 200 characters",
};
pub const VPC_ENDPOINT_ID: Pattern = Pattern {
    regex: r"^[a-zA-Z0-9_-]{1,1000}$",
    min: 1,
    max: 1000,
    expected: "letters, digits, _ or -",
};

/// `value` itself when it matches `pattern`; a usage error naming `flag` otherwise.
pub fn matching(value: &str, pattern: &Pattern, flag: &str) -> Result<String> {
    let length_ok = (pattern.min..=pattern.max).contains(&value.chars().count());
    // The patterns are constants: one that did not compile would match nothing.
    let pattern_ok = regex_lite::Regex::new(pattern.regex).is_ok_and(|re| re.is_match(value));
    if length_ok && pattern_ok {
        Ok(value.to_owned())
    } else {
        Err(AppError::usage(format!(
            "invalid {flag} '{}': expected {}",
            printable(value),
            pattern.expected
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_compiles_and_takes_a_real_value() {
        for (value, pattern) in [
            ("subnet-0123abcd", &SUBNET_ID),
            ("sg-0123456789abcdef0", &SECURITY_GROUP_ID),
            ("pools corp", &DIRECTORY_NAME),
            ("Pools for corp", &DIRECTORY_DESCRIPTION),
            ("arn:aws:sso:::instance/ssoins-0123456789abcdef", &ARN),
            (
                "arn:aws:secretsmanager:us-east-1:123456789012:secret:pools-svc",
                &SECRET_ARN,
            ),
            (
                "arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/abc-1",
                &CERTIFICATE_AUTHORITY_ARN,
            ),
            ("corp.example.com", &DOMAIN_NAME),
            ("0000-aaaa", &ENTRA_TENANT),
            ("https://idp.example.com/sso", &SAML_USER_ACCESS_URL),
            ("vpce-0abc", &VPC_ENDPOINT_ID),
        ] {
            assert!(
                regex_lite::Regex::new(pattern.regex).is_ok(),
                "{}",
                pattern.regex
            );
            assert!(matching(value, pattern, "--x").is_ok(), "{value}");
        }
    }

    #[test]
    fn a_value_outside_the_pattern_names_the_flag() {
        for (value, pattern) in [
            ("subnet-1", &SUBNET_ID),
            ("sg-XYZ", &SECURITY_GROUP_ID),
            ("-name", &DIRECTORY_NAME),
            ("arn:aws:iam::1:role/x", &SECRET_ARN),
            ("ftp://idp.example.com", &SAML_USER_ACCESS_URL),
            ("corp", &DOMAIN_NAME),
        ] {
            let err = matching(value, pattern, "--flag").unwrap_err();
            assert!(err.to_string().contains("--flag"), "{err}");
        }
    }
}
