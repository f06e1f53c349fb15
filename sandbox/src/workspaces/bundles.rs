//! Bundles: the account's own and Amazon's; creating, updating and deleting
//! the account's.

use serde_json::{Value, json};

use super::error::WsError;
use super::input::{BUNDLE_ID, IMAGE_ID, Input, TextPattern, check_enum, missing};
use super::model::{
    Bundle, BundleRecord, COMPUTE_TYPES, ComputeType, ImageRecord, Storage, os_family,
};
use super::paging::{DEFAULT_PAGE, Listing, to_json};
use super::tags::parse_tags;
use super::{ACCOUNT_ID, Clock, WorkspacesState};

impl WorkspacesState {
    pub(super) fn describe_workspace_bundles(
        &self,
        input: &Input,
        _: &Clock,
    ) -> Result<Value, WsError> {
        let bundle_ids = input.id_list("BundleIds", &BUNDLE_ID)?;
        let owner = input.str("Owner")?;
        if bundle_ids.is_some() && owner.is_some() {
            return Err(WsError::invalid_parameter(
                "Specify either BundleIds or Owner, not both.",
            ));
        }
        // Without a filter the service lists the account's own bundles;
        // Owner AMAZON lists Amazon's.
        let listing = Listing::start("Bundles", input.str("NextToken")?)?;
        let entries = listing
            .entries(&self.bundles)
            .filter(|(_, record)| match (&bundle_ids, owner) {
                (Some(ids), _) => ids.contains(&record.bundle.bundle_id.as_str()),
                (None, Some(owner)) if owner.eq_ignore_ascii_case("AMAZON") => record.amazon_owned,
                (None, Some(owner)) => !record.amazon_owned && record.bundle.owner == owner,
                (None, None) => !record.amazon_owned,
            })
            .map(|(id, record)| (id, &record.bundle));
        listing.page(entries, DEFAULT_PAGE)
    }
}

/// WorkspaceBundleName: the image name's characters, up to 64.
const BUNDLE_NAME: TextPattern = TextPattern {
    extra_chars: "_./()\\-",
    min: 1,
    max: 64,
    text: "^[a-zA-Z0-9_./()\\\\-]+$",
};
/// WorkspaceBundleDescription: up to 255 (an image's may have 256).
const BUNDLE_DESCRIPTION: TextPattern = TextPattern {
    extra_chars: "_./() -",
    min: 1,
    max: 255,
    text: "^[a-zA-Z0-9_./() -]+$",
};

/// The volume sizes (GiB) the service offers for a custom bundle.
const ROOT_GIB: std::ops::RangeInclusive<i64> = 80..=2000;
const USER_GIB: std::ops::RangeInclusive<i64> = 10..=2000;

impl WorkspacesState {
    /// One of the account's own bundles, for a change: Amazon's cannot be changed.
    fn own_bundle(&self, bundle_id: &str) -> Result<&BundleRecord, WsError> {
        let record = self.bundles.get(bundle_id).ok_or_else(|| {
            WsError::not_found(format!("The bundle {bundle_id} could not be found."))
        })?;
        if record.amazon_owned {
            return Err(WsError::of(
                "AccessDeniedException",
                format!(
                    "The bundle {bundle_id} is Amazon's; only its own bundles can an account change."
                ),
            ));
        }
        Ok(record)
    }

    /// An image a bundle can be built on: the account's, and AVAILABLE.
    fn image_for_bundle(&self, image_id: &str, clock: &Clock) -> Result<&ImageRecord, WsError> {
        let record = self.image_of_account(image_id, clock)?;
        if record.image.state != "AVAILABLE" {
            return Err(WsError::of(
                "ResourceUnavailableException",
                format!(
                    "The image {image_id} is {}; a bundle needs an AVAILABLE image.",
                    record.image.state
                ),
            ));
        }
        Ok(record)
    }

    pub(super) fn create_workspace_bundle(
        &mut self,
        input: &Input,
        clock: &Clock,
    ) -> Result<Value, WsError> {
        let name = input.required_str("BundleName")?;
        BUNDLE_NAME.check(&input.path_of("BundleName"), name)?;
        let description = input.required_str("BundleDescription")?;
        BUNDLE_DESCRIPTION.check(&input.path_of("BundleDescription"), description)?;
        let image_id = input.required_id("ImageId", &IMAGE_ID)?;
        let compute = input
            .object("ComputeType")?
            .ok_or_else(|| missing(&input.path_of("ComputeType")))?;
        let compute_name = compute.required_str("Name")?;
        check_enum(&compute.path_of("Name"), compute_name, COMPUTE_TYPES)?;
        let user_gib = storage_gib(input, "UserStorage", USER_GIB)?
            .ok_or_else(|| missing(&input.path_of("UserStorage")))?;
        let root_gib = storage_gib(input, "RootStorage", ROOT_GIB)?.unwrap_or(*ROOT_GIB.start());
        let tags = parse_tags(input, "Tags")?.unwrap_or_default();

        let image = self.image_for_bundle(image_id, clock)?;
        if self
            .bundles
            .values()
            .any(|record| !record.amazon_owned && record.bundle.name == name)
        {
            return Err(WsError::of(
                "ResourceAlreadyExistsException",
                format!("A bundle named {name} already exists."),
            ));
        }
        let operating_system_name = image.operating_system_name.clone();
        let protocol = if os_family(&operating_system_name) == "WINDOWS" {
            "PCOIP"
        } else {
            "WSP"
        };
        let bundle_id = self
            .id_source
            .fresh_id("wsb-", 9, |id| self.bundles.contains_key(id));
        let bundle = Bundle {
            bundle_id: bundle_id.clone(),
            name: name.to_owned(),
            owner: ACCOUNT_ID.to_owned(),
            description: description.to_owned(),
            image_id: image_id.to_owned(),
            root_storage: Storage {
                capacity: root_gib.to_string(),
            },
            user_storage: Storage {
                capacity: user_gib.to_string(),
            },
            compute_type: ComputeType {
                name: compute_name.to_owned(),
            },
            last_updated_time: clock.now,
            creation_time: clock.now,
            state: "AVAILABLE".to_owned(),
            bundle_type: "REGULAR".to_owned(),
        };
        let wire = to_json(&bundle)?;
        self.bundles.insert(
            bundle_id.clone(),
            BundleRecord {
                bundle,
                operating_system_name,
                protocols: vec![protocol.to_owned()],
                amazon_owned: false,
            },
        );
        if !tags.is_empty() {
            self.tags.insert(bundle_id, tags);
        }
        Ok(json!({ "WorkspaceBundle": wire }))
    }

    pub(super) fn update_workspace_bundle(
        &mut self,
        input: &Input,
        clock: &Clock,
    ) -> Result<Value, WsError> {
        // Both members are optional in the model; the service needs both.
        let bundle_id = input
            .id("BundleId", &BUNDLE_ID)?
            .ok_or_else(|| WsError::invalid_parameter("BundleId is required."))?;
        let image_id = input
            .id("ImageId", &IMAGE_ID)?
            .ok_or_else(|| WsError::invalid_parameter("ImageId is required."))?;
        let bundle = self.own_bundle(bundle_id)?;
        let image = self.image_for_bundle(image_id, clock)?;
        if os_family(&image.operating_system_name) != os_family(&bundle.operating_system_name) {
            return Err(WsError::of(
                "OperationNotSupportedException",
                format!(
                    "The image {image_id} runs {}, the bundle {bundle_id} {}; a bundle keeps its operating system.",
                    image.operating_system_name, bundle.operating_system_name
                ),
            ));
        }
        let operating_system_name = image.operating_system_name.clone();
        if let Some(record) = self.bundles.get_mut(bundle_id) {
            record.bundle.image_id = image_id.to_owned();
            record.bundle.last_updated_time = clock.now;
            record.operating_system_name = operating_system_name;
        }
        Ok(json!({}))
    }

    pub(super) fn delete_workspace_bundle(
        &mut self,
        input: &Input,
        _: &Clock,
    ) -> Result<Value, WsError> {
        let bundle_id = input
            .id("BundleId", &BUNDLE_ID)?
            .ok_or_else(|| WsError::invalid_parameter("BundleId is required."))?;
        self.own_bundle(bundle_id)?;
        if let Some(workspace) = self
            .workspaces
            .values()
            .find(|record| record.workspace.bundle_id == bundle_id)
        {
            return Err(WsError::of(
                "ResourceAssociatedException",
                format!(
                    "The bundle {bundle_id} is used by WorkSpace {}; remove the WorkSpaces launched from it first.",
                    workspace.workspace.workspace_id
                ),
            ));
        }
        self.bundles.remove(bundle_id);
        self.tags.remove(bundle_id);
        for key in self.association_keys_of(bundle_id) {
            self.associations.remove(&key);
        }
        Ok(json!({}))
    }
}

/// The `Capacity` (GiB, a string) of a `RootStorage`/`UserStorage` member, if given.
fn storage_gib(
    input: &Input,
    name: &str,
    allowed: std::ops::RangeInclusive<i64>,
) -> Result<Option<i64>, WsError> {
    let Some(storage) = input.object(name)? else {
        return Ok(None);
    };
    let capacity = storage.required_str("Capacity")?;
    match capacity.parse::<i64>() {
        Ok(gib) if allowed.contains(&gib) => Ok(Some(gib)),
        _ => Err(WsError::invalid_parameter(format!(
            "{}.Capacity {capacity} is not a size in GiB from {} to {}.",
            name,
            allowed.start(),
            allowed.end()
        ))),
    }
}
