-- claims database, migration 0007: two indexes, so that listings find their rows through an
-- index instead of reading every claim.
--
-- claim_versions_by_source: `list --source KEY` keeps the claims whose source has that key (or
-- that text in its title). The sources that match are a few rows of `sources`; their claims are
-- then found through this index.
--
-- claims_by_created_at: `list --as-of MOMENT` lists the claims as they were at a moment. When
-- few claims had been recorded by then, they are found through this index (a claim exists from
-- its first version, recorded at its created_at); otherwise the window-end index is walked.
--
-- Like the other indexes they hold nothing new: they can be dropped and built again at any time.

CREATE INDEX claim_versions_by_source ON claim_versions (source_id);
CREATE INDEX claims_by_created_at ON claims (created_at);
