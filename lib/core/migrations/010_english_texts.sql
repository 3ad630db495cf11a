-- 010: optional English texts of the plan's and the campaign's own content. The French column
-- stays the source of truth (rules, agreements, exports read it); each <column>_en beside it is
-- what English screens and packs show when staff typed one (NULL: none, the French is shown).
-- lib.core.i18n.localized_sql is the one place that chooses between them.
ALTER TABLE axes ADD COLUMN name_en VARCHAR;
ALTER TABLE axes ADD COLUMN objective_en VARCHAR;
ALTER TABLE actions ADD COLUMN title_en VARCHAR;
ALTER TABLE means ADD COLUMN text_en VARCHAR;
ALTER TABLE campaign_moments ADD COLUMN when_label_en VARCHAR;
ALTER TABLE campaign_moments ADD COLUMN description_en VARCHAR;
ALTER TABLE campaign_moments ADD COLUMN checklist_label_en VARCHAR;
ALTER TABLE commitment_types ADD COLUMN label_en VARCHAR;
