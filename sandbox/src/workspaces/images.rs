//! Images: describing them, creating an updated copy, deleting one.

use serde_json::{Value, json};

use super::error::WsError;
use super::input::{IMAGE_DESCRIPTION, IMAGE_ID, IMAGE_NAME, Input, check_enum, page_size};
use super::model::{IMAGE_TYPES, Image, ImageRecord, ImageUpdates};
use super::paging::Listing;
use super::tags::parse_tags;
use super::{ACCOUNT_ID, Clock, WorkspacesState};

impl WorkspacesState {
    /// An image of the region the call is made in.
    pub(super) fn image_of_account(
        &self,
        image_id: &str,
        clock: &Clock,
    ) -> Result<&ImageRecord, WsError> {
        self.images
            .get(image_id)
            .filter(|record| record.is_in(clock.region.as_deref()))
            .ok_or_else(|| WsError::not_found(format!("The image {image_id} could not be found.")))
    }

    pub(super) fn describe_workspace_images(
        &self,
        input: &Input,
        clock: &Clock,
    ) -> Result<Value, WsError> {
        let image_ids = input.id_list("ImageIds", &IMAGE_ID)?;
        let image_type = input.str("ImageType")?;
        if let Some(image_type) = image_type {
            check_enum(&input.path_of("ImageType"), image_type, IMAGE_TYPES)?;
        }
        let size = page_size(input, "MaxResults", 25, 25)?;
        let wanted = |image: &Image| {
            image_ids
                .as_ref()
                .is_none_or(|ids| ids.contains(&image.image_id.as_str()))
                && image_type.is_none_or(|image_type| {
                    (image.owner_account_id == ACCOUNT_ID) == (image_type == "OWNED")
                })
        };
        // The operation declares no InvalidParameterValuesException: a token
        // it cannot read fails validation instead.
        let listing = Listing::start("Images", input.str("NextToken")?)
            .map_err(|error| WsError::validation(error.message))?;
        let entries = listing
            .entries(&self.images)
            .filter(|(_, record)| record.is_in(clock.region.as_deref()))
            .map(|(id, record)| (id, &record.image))
            .filter(|(_, image)| wanted(image));
        listing.page(entries, size)
    }

    pub(super) fn create_updated_workspace_image(
        &mut self,
        input: &Input,
        clock: &Clock,
    ) -> Result<Value, WsError> {
        let name = input.required_str("Name")?;
        IMAGE_NAME.check(&input.path_of("Name"), name)?;
        let description = input.required_str("Description")?;
        IMAGE_DESCRIPTION.check(&input.path_of("Description"), description)?;
        let source_id = input.required_id("SourceImageId", &IMAGE_ID)?;
        let tags = parse_tags(input, "Tags")?.unwrap_or_default();

        let source = self.image_of_account(source_id, clock)?;
        if source.image.owner_account_id != ACCOUNT_ID {
            return Err(WsError::not_supported(format!(
                "The image {source_id} is shared with this account; only its owner can update it."
            )));
        }
        if source.image.state != "AVAILABLE" {
            return Err(WsError::invalid_state(format!(
                "The image {source_id} is {}; only an AVAILABLE image can be updated.",
                source.image.state
            )));
        }
        if source.image.operating_system.family != "WINDOWS" {
            return Err(WsError::not_supported(
                "Only Windows WorkSpace images can be updated programmatically.",
            ));
        }
        if !source.image.updates.update_available {
            return Err(WsError::not_supported(format!(
                "The image {source_id} has no updates available."
            )));
        }
        if self.images.values().any(|record| record.image.name == name) {
            return Err(WsError::of(
                "ResourceAlreadyExistsException",
                format!("An image named {name} already exists."),
            ));
        }

        let mut image = source.image.clone();
        let operating_system_name = source.operating_system_name.clone();
        image.name = name.to_owned();
        image.description = Some(description.to_owned());
        image.error_code = None;
        image.error_message = None;
        image.updates = ImageUpdates {
            update_available: false,
            description: None,
        };
        let image_id = self.add_pending_image(image, operating_system_name, tags, clock);
        // The applications baked into the source are in the updated image too.
        let inherited: Vec<_> = self
            .association_keys_of(source_id)
            .iter()
            .filter_map(|key| self.associations.get(key))
            .map(|association| {
                let mut copy = association.clone();
                copy.resource_id = image_id.clone();
                copy.created = clock.now;
                copy.last_updated_time = clock.now;
                copy
            })
            .collect();
        for association in inherited {
            self.associations.insert(
                super::model::Association::key(&image_id, &association.application_id),
                association,
            );
        }
        Ok(json!({"ImageId": image_id}))
    }

    pub(super) fn delete_workspace_image(
        &mut self,
        input: &Input,
        clock: &Clock,
    ) -> Result<Value, WsError> {
        let image_id = input.required_id("ImageId", &IMAGE_ID)?;
        // The model declares no not-found error for DeleteWorkspaceImage:
        // deleting an image that is not there is already done.
        let Some(record) = self
            .images
            .get(image_id)
            .filter(|record| record.is_in(clock.region.as_deref()))
        else {
            return Ok(json!({}));
        };
        if record.image.owner_account_id != ACCOUNT_ID {
            return Err(WsError::of(
                "AccessDeniedException",
                format!(
                    "The image {image_id} is shared with this account; only its owner can delete it."
                ),
            ));
        }
        if record.image.state == "PENDING" {
            return Err(WsError::invalid_state(format!(
                "The image {image_id} is still being created."
            )));
        }
        if let Some(bundle) = self
            .bundles
            .values()
            .find(|bundle| bundle.bundle.image_id == image_id)
        {
            return Err(WsError::of(
                "ResourceAssociatedException",
                format!(
                    "The image {image_id} is used by bundle {}; delete the bundle first.",
                    bundle.bundle.bundle_id
                ),
            ));
        }
        self.images.remove(image_id);
        self.tags.remove(image_id);
        for key in self.association_keys_of(image_id) {
            self.associations.remove(&key);
        }
        Ok(json!({}))
    }
}
