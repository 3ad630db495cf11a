-- 005: where the impact report goes: the campaign's link to the organiser's questionnaire
-- (the agreement's own link is empty; staff type it in the campaign editor).
ALTER TABLE campaigns ADD COLUMN questionnaire_url VARCHAR DEFAULT '';
