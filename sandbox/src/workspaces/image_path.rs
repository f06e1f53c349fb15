//! The golden-image path: imaging a WorkSpace, copying the image to
//! another region, and sharing it with other accounts.
//!
//! One sandbox answers every region, so images are kept by region (the
//! region each call was signed for, [`Clock::region`]): a copy is a new
//! image of its destination region, seen only by calls made there, and a
//! share is made in the image's own region.

use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use super::error::WsError;
use super::input::{
    IMAGE_DESCRIPTION, IMAGE_ID, IMAGE_NAME, Input, WORKSPACE_ID, check_account, check_count,
    check_enum, check_enums, constraint_failure, page_size,
};
use super::model::{
    Image, ImagePermission, ImageRecord, ImageUpdates, OperatingSystem, Schedule, ScheduledState,
    Tag, os_family,
};
use super::paging::Listing;
use super::tags::parse_tags;
use super::{ACCOUNT_ID, Clock, WorkspacesState};

/// Region: `^[-0-9a-z]{1,31}$`.
pub(super) fn check_region(path: &str, region: &str) -> Result<(), WsError> {
    if (1..=31).contains(&region.len())
        && region
            .bytes()
            .all(|b| b == b'-' || b.is_ascii_digit() || b.is_ascii_lowercase())
    {
        Ok(())
    } else {
        Err(constraint_failure(
            path,
            region,
            "Member must satisfy regular expression pattern: ^[-0-9a-z]{1,31}$",
        ))
    }
}

/// WorkspaceImageIngestionProcess: how an EC2 image is brought in (BYOL).
const INGESTION_PROCESSES: &[&str] = &[
    "BYOL_REGULAR",
    "BYOL_GRAPHICS",
    "BYOL_GRAPHICSPRO",
    "BYOL_GRAPHICS_G4DN",
    "BYOL_REGULAR_WSP",
    "BYOL_GRAPHICS_G4DN_WSP",
    "BYOL_REGULAR_BYOP",
    "BYOL_GRAPHICS_G4DN_BYOP",
];
/// Application: what ImportWorkspaceImage can subscribe the image to.
const IMPORT_APPLICATIONS: &[&str] = &["Microsoft_Office_2016", "Microsoft_Office_2019"];

/// Ec2ImageId: `^ami\-([a-f0-9]{8}|[a-f0-9]{17})$`.
pub(super) fn check_ec2_image(path: &str, ami: &str) -> Result<(), WsError> {
    let digits = ami.strip_prefix("ami-").unwrap_or("");
    let ok = matches!(digits.len(), 8 | 17)
        && digits
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    if ok {
        Ok(())
    } else {
        Err(constraint_failure(
            path,
            ami,
            "Member must satisfy regular expression pattern: ^ami\\-([a-f0-9]{8}|[a-f0-9]{17})$",
        ))
    }
}

/// An image of the account, before [`WorkspacesState::add_pending_image`]
/// gives it its ID and state.
pub(super) fn new_image(
    name: &str,
    description: &str,
    operating_system_name: &str,
    tenancy: &str,
    clock: &Clock,
) -> Image {
    Image {
        image_id: String::new(),
        name: name.to_owned(),
        description: Some(description.to_owned()),
        operating_system: OperatingSystem {
            family: os_family(operating_system_name).to_owned(),
        },
        state: String::new(),
        required_tenancy: tenancy.to_owned(),
        error_code: None,
        error_message: None,
        created: clock.now,
        owner_account_id: ACCOUNT_ID.to_owned(),
        updates: ImageUpdates {
            update_available: false,
            description: None,
        },
    }
}

impl WorkspacesState {
    /// Refuses a second image of one name in one region.
    pub(super) fn check_image_name_free(&self, name: &str, clock: &Clock) -> Result<(), WsError> {
        let taken = self
            .images
            .values()
            .any(|record| record.image.name == name && record.is_in(clock.region.as_deref()));
        if taken {
            return Err(WsError::of(
                "ResourceAlreadyExistsException",
                format!("An image named {name} already exists in this region."),
            ));
        }
        Ok(())
    }

    /// Adds `image` as PENDING in the call's region, AVAILABLE one
    /// transition later; answers its new ID.
    pub(super) fn add_pending_image(
        &mut self,
        image: Image,
        operating_system_name: String,
        tags: Vec<Tag>,
        clock: &Clock,
    ) -> String {
        let available_at = clock.after(1);
        self.add_image_available_at(image, operating_system_name, tags, clock, available_at)
    }

    /// [`WorkspacesState::add_pending_image`] for an image that takes
    /// longer: AVAILABLE at `available_at`.
    pub(super) fn add_image_available_at(
        &mut self,
        mut image: Image,
        operating_system_name: String,
        tags: Vec<Tag>,
        clock: &Clock,
        available_at: DateTime<Utc>,
    ) -> String {
        let image_id = self
            .id_source
            .fresh_id("wsi-", 9, |id| self.images.contains_key(id));
        image.image_id = image_id.clone();
        image.state = "PENDING".to_owned();
        image.created = clock.now;
        self.images.insert(
            image_id.clone(),
            ImageRecord {
                image,
                operating_system_name,
                schedule: Schedule::new(vec![ScheduledState {
                    at: available_at,
                    state: Some("AVAILABLE".to_owned()),
                }]),
                region: clock.region.clone(),
                shared_with: Default::default(),
            },
        );
        if !tags.is_empty() {
            self.tags.insert(image_id.clone(), tags);
        }
        image_id
    }

    pub(super) fn create_workspace_image(
        &mut self,
        input: &Input,
        clock: &Clock,
    ) -> Result<Value, WsError> {
        let name = input.required_str("Name")?;
        IMAGE_NAME.check(&input.path_of("Name"), name)?;
        let description = input.required_str("Description")?;
        IMAGE_DESCRIPTION.check(&input.path_of("Description"), description)?;
        let workspace_id = input.required_id("WorkspaceId", &WORKSPACE_ID)?;
        let tags = parse_tags(input, "Tags")?.unwrap_or_default();

        let workspace = self
            .workspaces
            .get(workspace_id)
            .map(|record| &record.workspace)
            .ok_or_else(|| {
                WsError::not_found(format!("The WorkSpace {workspace_id} could not be found."))
            })?;
        if workspace.state != "AVAILABLE" {
            return Err(WsError::invalid_state(format!(
                "The WorkSpace {workspace_id} is {}; only an AVAILABLE WorkSpace can be imaged.",
                workspace.state
            )));
        }
        let operating_system_name = workspace.workspace_properties.operating_system_name.clone();
        self.check_image_name_free(name, clock)?;
        let image = new_image(name, description, &operating_system_name, "DEFAULT", clock);
        let image_id = self.add_pending_image(image, operating_system_name, tags, clock);
        let image = self
            .images
            .get(&image_id)
            .map(|record| &record.image)
            .ok_or_else(|| WsError::not_found("The new image vanished."))?;
        Ok(json!({
            "ImageId": image.image_id,
            "Name": image.name,
            "Description": image.description,
            "OperatingSystem": {"Type": image.operating_system.family},
            "State": image.state,
            "RequiredTenancy": image.required_tenancy,
            "Created": super::model::epoch_value(image.created),
            "OwnerAccountId": image.owner_account_id,
        }))
    }

    /// ImportWorkspaceImage: a BYOL image from an EC2 image; Windows, and
    /// for dedicated tenancy, as BYOL images are.
    pub(super) fn import_workspace_image(
        &mut self,
        input: &Input,
        clock: &Clock,
    ) -> Result<Value, WsError> {
        let ami = input.required_str("Ec2ImageId")?;
        check_ec2_image(&input.path_of("Ec2ImageId"), ami)?;
        let ingestion = input.required_str("IngestionProcess")?;
        check_enum(
            &input.path_of("IngestionProcess"),
            ingestion,
            INGESTION_PROCESSES,
        )?;
        let name = input.required_str("ImageName")?;
        IMAGE_NAME.check(&input.path_of("ImageName"), name)?;
        let description = input.required_str("ImageDescription")?;
        IMAGE_DESCRIPTION.check(&input.path_of("ImageDescription"), description)?;
        let tags = parse_tags(input, "Tags")?.unwrap_or_default();
        if let Some(applications) = input.strings("Applications")? {
            let path = input.path_of("Applications");
            check_count(&path, applications.len(), 1, 5)?;
            check_enums(&path, &applications, IMPORT_APPLICATIONS)?;
        }
        self.check_image_name_free(name, clock)?;
        let operating_system_name = "WINDOWS_10".to_owned();
        let image = new_image(
            name,
            description,
            &operating_system_name,
            "DEDICATED",
            clock,
        );
        let image_id = self.add_pending_image(image, operating_system_name, tags, clock);
        Ok(json!({"ImageId": image_id}))
    }

    pub(super) fn copy_workspace_image(
        &mut self,
        input: &Input,
        clock: &Clock,
    ) -> Result<Value, WsError> {
        let name = input.required_str("Name")?;
        IMAGE_NAME.check(&input.path_of("Name"), name)?;
        let description = input.str("Description")?;
        if let Some(description) = description {
            IMAGE_DESCRIPTION.check(&input.path_of("Description"), description)?;
        }
        let source_id = input.required_id("SourceImageId", &IMAGE_ID)?;
        let source_region = input.required_str("SourceRegion")?;
        check_region(&input.path_of("SourceRegion"), source_region)?;
        let tags = parse_tags(input, "Tags")?.unwrap_or_default();

        let source = self
            .images
            .get(source_id)
            .filter(|record| record.is_in(Some(source_region)))
            .ok_or_else(|| {
                WsError::not_found(format!(
                    "The image {source_id} could not be found in {source_region}."
                ))
            })?;
        if source.image.owner_account_id != ACCOUNT_ID {
            return Err(WsError::of(
                "AccessDeniedException",
                format!(
                    "The image {source_id} is shared with this account; only its owner can copy it."
                ),
            ));
        }
        if source.image.state != "AVAILABLE" {
            return Err(WsError::of(
                "ResourceUnavailableException",
                format!(
                    "The image {source_id} is {}; only an AVAILABLE image can be copied.",
                    source.image.state
                ),
            ));
        }
        let mut image = source.image.clone();
        let operating_system_name = source.operating_system_name.clone();
        self.check_image_name_free(name, clock)?;
        image.name = name.to_owned();
        image.description = description.map(str::to_owned).or(image.description);
        image.error_code = None;
        image.error_message = None;
        let image_id = self.add_pending_image(image, operating_system_name, tags, clock);
        Ok(json!({"ImageId": image_id}))
    }

    pub(super) fn describe_workspace_image_permissions(
        &self,
        input: &Input,
        clock: &Clock,
    ) -> Result<Value, WsError> {
        let image_id = input.required_id("ImageId", &IMAGE_ID)?;
        let size = page_size(input, "MaxResults", 25, 25)?;
        let listing = Listing::start("ImagePermissions", input.str("NextToken")?)?;
        let record = self.own_image(image_id, clock)?;
        let mut page = listing.page(listing.entries(&record.shared_with), size)?;
        if let Some(answer) = page.as_object_mut() {
            answer.insert("ImageId".to_owned(), json!(image_id));
        }
        Ok(page)
    }

    pub(super) fn update_workspace_image_permission(
        &mut self,
        input: &Input,
        clock: &Clock,
    ) -> Result<Value, WsError> {
        let image_id = input.required_id("ImageId", &IMAGE_ID)?;
        let allow = input
            .bool("AllowCopyImage")?
            .ok_or_else(|| super::input::missing(&input.path_of("AllowCopyImage")))?;
        let account = input.required_str("SharedAccountId")?;
        check_account(&input.path_of("SharedAccountId"), account)?;
        let record = self.own_image(image_id, clock)?;
        if account == ACCOUNT_ID {
            return Err(WsError::invalid_parameter(
                "An image cannot be shared with the account that owns it.",
            ));
        }
        if record.image.state != "AVAILABLE" {
            return Err(WsError::of(
                "ResourceUnavailableException",
                format!(
                    "The image {image_id} is {}; only an AVAILABLE image can be shared.",
                    record.image.state
                ),
            ));
        }
        if let Some(record) = self.images.get_mut(image_id) {
            if allow {
                record.shared_with.insert(
                    account.to_owned(),
                    ImagePermission {
                        shared_account_id: account.to_owned(),
                    },
                );
            } else {
                record.shared_with.remove(account);
            }
        }
        Ok(json!({}))
    }

    /// One of the account's own images in the call's region: sharing is per
    /// region, and only the owner shares.
    fn own_image(&self, image_id: &str, clock: &Clock) -> Result<&ImageRecord, WsError> {
        let record = self.image_of_account(image_id, clock)?;
        if record.image.owner_account_id != ACCOUNT_ID {
            return Err(WsError::of(
                "AccessDeniedException",
                format!(
                    "The image {image_id} is shared with this account; only its owner can share it."
                ),
            ));
        }
        Ok(record)
    }
}
