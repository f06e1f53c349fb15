//! A fleet spread over many directories, for measuring a listing that reads
//! each directory at once (`--directories N`). The seed's own directories
//! stay as they are; the copies are AD directories like the first one.

use super::WorkspacesState;

impl WorkspacesState {
    /// Seeds AD directories until there are `count` (copies of the first,
    /// each with an ID and alias of its own), then deals the WorkSpaces out
    /// over them in turn, so each holds the same number give or take one.
    pub fn spread_over_directories(&mut self, count: usize) {
        let ad: Vec<String> = self
            .directories
            .values()
            .filter(|d| d.workspace_type.as_deref() != Some("POOLS"))
            .map(|d| d.directory_id.clone())
            .collect();
        let Some(template) = ad.first().and_then(|id| self.directories.get(id)).cloned() else {
            return;
        };
        let mut ids = ad;
        for index in ids.len()..count {
            let mut directory = template.clone();
            directory.directory_id = format!("d-90{index:08x}");
            directory.alias = format!("spread-{index}");
            directory.directory_name = format!("spread{index}.example.com");
            ids.push(directory.directory_id.clone());
            self.directories
                .insert(directory.directory_id.clone(), directory);
        }
        ids.truncate(count.max(1));
        for (index, record) in self.workspaces.values_mut().enumerate() {
            record.workspace.directory_id = ids[index % ids.len()].clone();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_directory_gets_its_share() {
        let mut state = WorkspacesState::seed(100, 42, chrono::Utc::now());
        state.spread_over_directories(10);
        let mut per_directory = std::collections::BTreeMap::<&str, usize>::new();
        for record in state.workspaces.values() {
            *per_directory
                .entry(record.workspace.directory_id.as_str())
                .or_default() += 1;
        }
        assert_eq!(per_directory.len(), 10);
        assert!(per_directory.values().all(|n| *n == 10));
        assert!(
            per_directory
                .keys()
                .all(|id| state.directories.contains_key(*id))
        );
    }
}
