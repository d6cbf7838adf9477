// Schema of the common data environment. Applied at every start-up; each statement is idempotent.
// Business keys, never Neo4j internal ids.

CREATE CONSTRAINT company_id IF NOT EXISTS FOR (c:Company) REQUIRE c.id IS UNIQUE;
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (p:Person) REQUIRE p.id IS UNIQUE;
CREATE CONSTRAINT office_code IF NOT EXISTS FOR (o:Office) REQUIRE o.code IS UNIQUE;
CREATE CONSTRAINT declaration_id IF NOT EXISTS FOR (d:Declaration) REQUIRE d.id IS UNIQUE;
CREATE CONSTRAINT inspection_key IF NOT EXISTS FOR (i:Inspection) REQUIRE i.key IS UNIQUE;
CREATE CONSTRAINT document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE;
CREATE CONSTRAINT hs_code IF NOT EXISTS FOR (h:HsCode) REQUIRE h.code IS UNIQUE;
CREATE CONSTRAINT country_code IF NOT EXISTS FOR (c:Country) REQUIRE c.code IS UNIQUE;
CREATE CONSTRAINT address_key IF NOT EXISTS FOR (a:Address) REQUIRE a.key IS UNIQUE;
CREATE CONSTRAINT phone_key IF NOT EXISTS FOR (p:Phone) REQUIRE p.key IS UNIQUE;
CREATE CONSTRAINT email_key IF NOT EXISTS FOR (e:Email) REQUIRE e.key IS UNIQUE;
CREATE CONSTRAINT exchange_rate_key IF NOT EXISTS FOR (r:ExchangeRate) REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT case_id IF NOT EXISTS FOR (c:Case) REQUIRE c.id IS UNIQUE;
// Users of the web application and the REST API (lower-case username, bcrypt passwordHash, roles).
CREATE CONSTRAINT user_username IF NOT EXISTS FOR (u:User) REQUIRE u.username IS UNIQUE;

// Lookups that screens and the risk engine make.
CREATE INDEX declaration_filed_on IF NOT EXISTS FOR (d:Declaration) ON (d.filedOn);
CREATE INDEX document_sha256 IF NOT EXISTS FOR (d:Document) ON (d.sha256);
CREATE INDEX company_name IF NOT EXISTS FOR (c:Company) ON (c.name);
CREATE INDEX person_name IF NOT EXISTS FOR (p:Person) ON (p.name);

// Rankings read the riskiest first.
CREATE INDEX declaration_risk IF NOT EXISTS FOR (d:Declaration) ON (d.riskScore);
CREATE INDEX company_risk IF NOT EXISTS FOR (c:Company) ON (c.riskScore);

// What the last full scoring found: trade loops and shell clusters, the evidence behind reasons.
CREATE CONSTRAINT finding_id IF NOT EXISTS FOR (f:Finding) REQUIRE f.id IS UNIQUE;

// Cases: timeline events and messages (cases/, customs.risk.cases). A case's messages are
// numbered by the counter messageSeq on the :Case node; a retried post is found by clientId.
CREATE CONSTRAINT message_id IF NOT EXISTS FOR (m:Message) REQUIRE m.id IS UNIQUE;
CREATE INDEX message_client_id IF NOT EXISTS FOR (m:Message) ON (m.clientId);
CREATE INDEX case_status IF NOT EXISTS FOR (c:Case) ON (c.status);

// Requests for information to traders (cases/, customs.risk.cases.requests): listed newest first,
// by company for a trader; reminders look for open ones by status.
CREATE CONSTRAINT information_request_id IF NOT EXISTS FOR (r:InformationRequest) REQUIRE r.id IS UNIQUE;
CREATE INDEX information_request_status IF NOT EXISTS FOR (r:InformationRequest) ON (r.status);
CREATE INDEX information_request_asked_at IF NOT EXISTS FOR (r:InformationRequest) ON (r.askedAt);

// Acceptance surveys (survey/, customs.risk.survey.service). One answer per user and survey: the
// response key is surveyId/username, so a second answer fails here even when two arrive at once.
CREATE CONSTRAINT survey_id IF NOT EXISTS FOR (s:Survey) REQUIRE s.id IS UNIQUE;
CREATE CONSTRAINT statement_id IF NOT EXISTS FOR (t:Statement) REQUIRE t.id IS UNIQUE;
CREATE CONSTRAINT survey_response_key IF NOT EXISTS FOR (r:SurveyResponse) REQUIRE r.key IS UNIQUE;

// Entity resolution: a party links the records of one firm (Company.party names it, for the
// analysis and the network to read a company as its party).
CREATE CONSTRAINT party_id IF NOT EXISTS FOR (p:Party) REQUIRE p.id IS UNIQUE;
CREATE INDEX company_party IF NOT EXISTS FOR (c:Company) ON (c.party);

// Watchlists and alerts (cases/, customs.risk.cases.alerts). Sweeps read what came since they
// last looked (declarations by loadedAt, documents by indexedAt) and note the ids they read
// (AlertRead, kept for the overlap), so that each change is told once.
CREATE CONSTRAINT watch_id IF NOT EXISTS FOR (w:Watch) REQUIRE w.id IS UNIQUE;
CREATE INDEX watch_owner IF NOT EXISTS FOR (w:Watch) ON (w.owner);
CREATE CONSTRAINT alert_id IF NOT EXISTS FOR (a:Alert) REQUIRE a.id IS UNIQUE;
CREATE INDEX alert_user IF NOT EXISTS FOR (a:Alert) ON (a.user);
CREATE INDEX alert_mail IF NOT EXISTS FOR (a:Alert) ON (a.mail);
CREATE INDEX declaration_loaded_at IF NOT EXISTS FOR (d:Declaration) ON (d.loadedAt);
CREATE INDEX document_indexed_at IF NOT EXISTS FOR (d:Document) ON (d.indexedAt);
// Red firms, whose shared addresses and phones are control links of the firms watched.
CREATE INDEX company_lane IF NOT EXISTS FOR (c:Company) ON (c.riskLane);
