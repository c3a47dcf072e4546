-- The schema as the hand-written migrations (InitialCreate … LateCancellations) built it, scripted by EF Core from them at
-- commit c306a89, before the history was re-baselined. PersistenceTests' upgrade test starts from it; never edit it.
CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" character varying(150) NOT NULL,
    "ProductVersion" character varying(32) NOT NULL,
    CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY ("MigrationId")
);

START TRANSACTION;
CREATE TABLE "AspNetRoles" (
    "Id" text NOT NULL,
    "Name" character varying(256),
    "NormalizedName" character varying(256),
    "ConcurrencyStamp" text,
    CONSTRAINT "PK_AspNetRoles" PRIMARY KEY ("Id")
);

CREATE TABLE "AspNetUsers" (
    "Id" text NOT NULL,
    "DisplayName" character varying(100) NOT NULL,
    "CouncilId" uuid NOT NULL,
    "UserName" character varying(256),
    "NormalizedUserName" character varying(256),
    "Email" character varying(256),
    "NormalizedEmail" character varying(256),
    "EmailConfirmed" boolean NOT NULL,
    "PasswordHash" text,
    "SecurityStamp" text,
    "ConcurrencyStamp" text,
    "PhoneNumber" text,
    "PhoneNumberConfirmed" boolean NOT NULL,
    "TwoFactorEnabled" boolean NOT NULL,
    "LockoutEnd" timestamp with time zone,
    "LockoutEnabled" boolean NOT NULL,
    "AccessFailedCount" integer NOT NULL,
    CONSTRAINT "PK_AspNetUsers" PRIMARY KEY ("Id")
);

CREATE TABLE "Bookings" (
    "Id" uuid NOT NULL,
    "CouncilId" uuid NOT NULL,
    "OfferId" uuid NOT NULL,
    "CookId" uuid NOT NULL,
    "DinerId" uuid NOT NULL,
    "DistanceKm" double precision NOT NULL,
    "BookedBy" character varying(450) NOT NULL,
    "BookedAt" timestamp with time zone NOT NULL,
    "IdempotencyKey" character varying(100),
    "Status" character varying(20) NOT NULL,
    "DeliveredAt" timestamp with time zone,
    "CancelledAt" timestamp with time zone,
    "CancelledBy" character varying(450),
    "CancellationReason" character varying(500),
    "NoAnswerAt" timestamp with time zone,
    "Feedback_Rating" integer,
    "Feedback_Comment" character varying(2000),
    "Feedback_GivenBy" character varying(450),
    "Feedback_GivenAt" timestamp with time zone,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_Bookings" PRIMARY KEY ("Id")
);

CREATE TABLE "Concerns" (
    "Id" uuid NOT NULL,
    "CouncilId" uuid NOT NULL,
    "DinerId" uuid NOT NULL,
    "CookId" uuid,
    "BookingId" uuid,
    "Severity" character varying(20) NOT NULL,
    "Summary" character varying(2000) NOT NULL,
    "RaisedBy" character varying(450) NOT NULL,
    "RaisedAt" timestamp with time zone NOT NULL,
    "Status" character varying(20) NOT NULL,
    "Resolution" character varying(2000),
    "Version" integer NOT NULL,
    CONSTRAINT "PK_Concerns" PRIMARY KEY ("Id")
);

CREATE TABLE "Cooks" (
    "Id" uuid NOT NULL,
    "CouncilId" uuid NOT NULL,
    "UserId" character varying(450) NOT NULL,
    "DisplayName" character varying(100) NOT NULL,
    "TravelRadiusKm" double precision NOT NULL,
    "Status" character varying(20) NOT NULL,
    "AppliedAt" timestamp with time zone NOT NULL,
    "SuspensionReason" character varying(500),
    "Location_Latitude" double precision NOT NULL,
    "Location_Longitude" double precision NOT NULL,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_Cooks" PRIMARY KEY ("Id")
);

CREATE TABLE "Councils" (
    "Id" uuid NOT NULL,
    "Name" character varying(200) NOT NULL,
    "MaxTravelKm" double precision NOT NULL,
    "ContributionAmount" numeric(8,2),
    "RequiredChecks" character varying(300) NOT NULL,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_Councils" PRIMARY KEY ("Id")
);

CREATE TABLE "Diners" (
    "Id" uuid NOT NULL,
    "CouncilId" uuid NOT NULL,
    "FirstName" character varying(100) NOT NULL,
    "LastName" character varying(100) NOT NULL,
    "Avoids" integer NOT NULL,
    "Requires" integer NOT NULL,
    "ContactChannel" character varying(20) NOT NULL,
    "Contact_Phone" character varying(30),
    "Contact_Email" character varying(254),
    "Contact_Address" character varying(500),
    "Consent_Given" boolean NOT NULL,
    "Consent_RecordedBy" character varying(450) NOT NULL,
    "Consent_RecordedAt" timestamp with time zone NOT NULL,
    "NominatedContact_Name" character varying(100),
    "NominatedContact_Phone" character varying(30),
    "NominatedContact_Relationship" character varying(50),
    "ReferredBy" character varying(450) NOT NULL,
    "ReferredAt" timestamp with time zone NOT NULL,
    "Status" character varying(20) NOT NULL,
    "Location_Latitude" double precision NOT NULL,
    "Location_Longitude" double precision NOT NULL,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_Diners" PRIMARY KEY ("Id")
);

CREATE TABLE "Offers" (
    "Id" uuid NOT NULL,
    "CouncilId" uuid NOT NULL,
    "CookId" uuid NOT NULL,
    "Dish" character varying(200) NOT NULL,
    "Ingredients" character varying(2000) NOT NULL,
    "Diets" integer NOT NULL,
    "Portions" integer NOT NULL,
    "PortionsLeft" integer NOT NULL,
    "DeliveryDate" date NOT NULL,
    "ReheatingAdvice" character varying(500),
    "SafetyGuidance" character varying(500) NOT NULL,
    "Status" character varying(20) NOT NULL,
    "Allergens_Contains" integer NOT NULL,
    "Allergens_IsComplete" boolean NOT NULL,
    "Location_Latitude" double precision NOT NULL,
    "Location_Longitude" double precision NOT NULL,
    "Window_End" time without time zone NOT NULL,
    "Window_Start" time without time zone NOT NULL,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_Offers" PRIMARY KEY ("Id")
);

CREATE TABLE "Pairings" (
    "Id" uuid NOT NULL,
    "CouncilId" uuid NOT NULL,
    "CookId" uuid NOT NULL,
    "DinerId" uuid NOT NULL,
    "Status" character varying(20) NOT NULL,
    "ProposedBy" character varying(450) NOT NULL,
    "ProposedAt" timestamp with time zone NOT NULL,
    "IntroducedOn" date,
    "ApprovedBy" character varying(450),
    "ApprovedAt" timestamp with time zone,
    "EndReason" character varying(500),
    "Version" integer NOT NULL,
    CONSTRAINT "PK_Pairings" PRIMARY KEY ("Id")
);

CREATE TABLE "AspNetRoleClaims" (
    "Id" integer GENERATED BY DEFAULT AS IDENTITY,
    "RoleId" text NOT NULL,
    "ClaimType" text,
    "ClaimValue" text,
    CONSTRAINT "PK_AspNetRoleClaims" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_AspNetRoleClaims_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserClaims" (
    "Id" integer GENERATED BY DEFAULT AS IDENTITY,
    "UserId" text NOT NULL,
    "ClaimType" text,
    "ClaimValue" text,
    CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserLogins" (
    "LoginProvider" text NOT NULL,
    "ProviderKey" text NOT NULL,
    "ProviderDisplayName" text,
    "UserId" text NOT NULL,
    CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserRoles" (
    "UserId" text NOT NULL,
    "RoleId" text NOT NULL,
    CONSTRAINT "PK_AspNetUserRoles" PRIMARY KEY ("UserId", "RoleId"),
    CONSTRAINT "FK_AspNetUserRoles_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AspNetUserRoles_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserTokens" (
    "UserId" text NOT NULL,
    "LoginProvider" text NOT NULL,
    "Name" text NOT NULL,
    "Value" text,
    CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
    CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "CookChecks" (
    "Id" integer GENERATED BY DEFAULT AS IDENTITY,
    "Kind" character varying(30) NOT NULL,
    "Reference" character varying(100) NOT NULL,
    "IssuedOn" date NOT NULL,
    "ExpiresOn" date,
    "VerifiedBy" character varying(450) NOT NULL,
    "VerifiedAt" timestamp with time zone NOT NULL,
    "CookId" uuid NOT NULL,
    CONSTRAINT "PK_CookChecks" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_CookChecks_Cooks_CookId" FOREIGN KEY ("CookId") REFERENCES "Cooks" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_AspNetRoleClaims_RoleId" ON "AspNetRoleClaims" ("RoleId");

CREATE UNIQUE INDEX "RoleNameIndex" ON "AspNetRoles" ("NormalizedName");

CREATE INDEX "IX_AspNetUserClaims_UserId" ON "AspNetUserClaims" ("UserId");

CREATE INDEX "IX_AspNetUserLogins_UserId" ON "AspNetUserLogins" ("UserId");

CREATE INDEX "IX_AspNetUserRoles_RoleId" ON "AspNetUserRoles" ("RoleId");

CREATE INDEX "EmailIndex" ON "AspNetUsers" ("NormalizedEmail");

CREATE UNIQUE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName");

CREATE UNIQUE INDEX "IX_Bookings_BookedBy_IdempotencyKey" ON "Bookings" ("BookedBy", "IdempotencyKey");

CREATE INDEX "IX_Bookings_DinerId" ON "Bookings" ("DinerId");

CREATE UNIQUE INDEX "IX_Bookings_OfferId_DinerId_Live" ON "Bookings" ("OfferId", "DinerId") WHERE "Status" <> 'Cancelled';

CREATE INDEX "IX_Bookings_OfferId" ON "Bookings" ("OfferId");

CREATE INDEX "IX_Concerns_CouncilId_Status" ON "Concerns" ("CouncilId", "Status");

CREATE INDEX "IX_CookChecks_CookId" ON "CookChecks" ("CookId");

CREATE INDEX "IX_Cooks_CouncilId" ON "Cooks" ("CouncilId");

CREATE UNIQUE INDEX "IX_Cooks_UserId" ON "Cooks" ("UserId");

CREATE INDEX "IX_Diners_CouncilId" ON "Diners" ("CouncilId");

CREATE INDEX "IX_Offers_CouncilId_DeliveryDate" ON "Offers" ("CouncilId", "DeliveryDate");

CREATE INDEX "IX_Pairings_CookId_DinerId" ON "Pairings" ("CookId", "DinerId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261121000000_InitialCreate', '10.0.14');

COMMIT;

START TRANSACTION;
CREATE TABLE "MatchProposals" (
    "Id" uuid NOT NULL,
    "RunId" uuid NOT NULL,
    "CouncilId" uuid NOT NULL,
    "OfferId" uuid NOT NULL,
    "DinerId" uuid NOT NULL,
    "CookId" uuid NOT NULL,
    "DistanceKm" double precision NOT NULL,
    "ContinuesPairing" boolean NOT NULL,
    "Reasons" character varying(4000) NOT NULL,
    "Status" character varying(20) NOT NULL,
    "DecidedBy" character varying(450),
    "DecidedAt" timestamp with time zone,
    "RejectionReason" character varying(500),
    "BookingId" uuid,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_MatchProposals" PRIMARY KEY ("Id")
);

CREATE TABLE "MatchingRuns" (
    "Id" uuid NOT NULL,
    "CouncilId" uuid NOT NULL,
    "DeliveryDate" date NOT NULL,
    "StartedBy" character varying(450) NOT NULL,
    "Scheduled" boolean NOT NULL,
    "StartedAt" timestamp with time zone NOT NULL,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_MatchingRuns" PRIMARY KEY ("Id")
);

CREATE TABLE "PairExclusions" (
    "Id" uuid NOT NULL,
    "CouncilId" uuid NOT NULL,
    "CookId" uuid NOT NULL,
    "DinerId" uuid NOT NULL,
    "Reason" character varying(500) NOT NULL,
    "RecordedBy" character varying(450) NOT NULL,
    "RecordedAt" timestamp with time zone NOT NULL,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_PairExclusions" PRIMARY KEY ("Id")
);

CREATE TABLE "MatchingRunCoverage" (
    "Id" integer GENERATED BY DEFAULT AS IDENTITY,
    "Latitude" double precision NOT NULL,
    "Longitude" double precision NOT NULL,
    "Diners" integer NOT NULL,
    "RadiusKm" double precision NOT NULL,
    "RunId" uuid NOT NULL,
    CONSTRAINT "PK_MatchingRunCoverage" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_MatchingRunCoverage_MatchingRuns_RunId" FOREIGN KEY ("RunId") REFERENCES "MatchingRuns" ("Id") ON DELETE CASCADE
);

CREATE TABLE "MatchingRunUnmatched" (
    "Id" integer GENERATED BY DEFAULT AS IDENTITY,
    "DinerId" uuid NOT NULL,
    "Reasons" character varying(4000) NOT NULL,
    "RunId" uuid NOT NULL,
    CONSTRAINT "PK_MatchingRunUnmatched" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_MatchingRunUnmatched_MatchingRuns_RunId" FOREIGN KEY ("RunId") REFERENCES "MatchingRuns" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_MatchProposals_CouncilId_Status" ON "MatchProposals" ("CouncilId", "Status");

CREATE INDEX "IX_MatchProposals_RunId" ON "MatchProposals" ("RunId");

CREATE INDEX "IX_MatchingRunCoverage_RunId" ON "MatchingRunCoverage" ("RunId");

CREATE INDEX "IX_MatchingRunUnmatched_RunId" ON "MatchingRunUnmatched" ("RunId");

CREATE INDEX "IX_MatchingRuns_CouncilId_DeliveryDate" ON "MatchingRuns" ("CouncilId", "DeliveryDate");

CREATE UNIQUE INDEX "IX_MatchingRuns_Scheduled_Once" ON "MatchingRuns" ("CouncilId", "DeliveryDate", "Scheduled") WHERE "Scheduled" = TRUE;

CREATE INDEX "IX_PairExclusions_CouncilId_CookId_DinerId" ON "PairExclusions" ("CouncilId", "CookId", "DinerId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261121120000_Matching', '10.0.14');

COMMIT;

START TRANSACTION;
ALTER TABLE "Councils" ADD "MessageRetentionDays" integer NOT NULL DEFAULT 90;

CREATE TABLE "Notifications" (
    "Id" uuid NOT NULL,
    "CouncilId" uuid NOT NULL,
    "Kind" character varying(30) NOT NULL,
    "RecipientRole" character varying(20) NOT NULL,
    "RecipientId" character varying(450) NOT NULL,
    "Channel" character varying(20) NOT NULL,
    "Destination" character varying(500),
    "Fields" character varying(4000) NOT NULL,
    "SubjectId" uuid,
    "Urgent" boolean NOT NULL,
    "Status" character varying(20) NOT NULL,
    "Attempts" integer NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "DueAt" timestamp with time zone NOT NULL,
    "LockedUntil" timestamp with time zone,
    "ClaimToken" uuid,
    "SentAt" timestamp with time zone,
    "ProviderReference" character varying(100),
    "LastError" character varying(500),
    "ErasedAt" timestamp with time zone,
    CONSTRAINT "PK_Notifications" PRIMARY KEY ("Id")
);

CREATE INDEX "IX_Notifications_Due" ON "Notifications" ("Status", "Urgent", "DueAt");

CREATE INDEX "IX_Notifications_CouncilId_Status" ON "Notifications" ("CouncilId", "Status");

CREATE INDEX "IX_Notifications_SubjectId" ON "Notifications" ("SubjectId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123090000_Notifications', '10.0.14');

COMMIT;

START TRANSACTION;
CREATE TABLE "Postcodes" (
    "Postcode" character varying(8) NOT NULL,
    "Latitude" double precision NOT NULL,
    "Longitude" double precision NOT NULL,
    CONSTRAINT "PK_Postcodes" PRIMARY KEY ("Postcode")
);

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123140000_Postcodes', '10.0.14');

COMMIT;

START TRANSACTION;
ALTER TABLE "Bookings" ADD "ReviewReason" character varying(500);

CREATE TABLE "CheckExpiryWarnings" (
    "CookId" uuid NOT NULL,
    "Kind" character varying(30) NOT NULL,
    "ExpiresOn" date NOT NULL,
    CONSTRAINT "PK_CheckExpiryWarnings" PRIMARY KEY ("CookId", "Kind", "ExpiresOn")
);

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123160000_CheckExpiry', '10.0.14');

COMMIT;

START TRANSACTION;
CREATE TABLE "AuditEntries" (
    "Id" uuid NOT NULL,
    "At" timestamp with time zone NOT NULL,
    "UserId" character varying(450) NOT NULL,
    "CouncilId" uuid NOT NULL,
    "Action" character varying(20) NOT NULL,
    "SubjectType" character varying(20) NOT NULL,
    "SubjectId" uuid NOT NULL,
    "Why" character varying(200) NOT NULL,
    CONSTRAINT "PK_AuditEntries" PRIMARY KEY ("Id")
);

CREATE INDEX "IX_AuditEntries_SubjectId" ON "AuditEntries" ("SubjectId");

CREATE INDEX "IX_AuditEntries_UserId" ON "AuditEntries" ("UserId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123170000_AuditLog', '10.0.14');

COMMIT;

START TRANSACTION;
ALTER TABLE "Concerns" ADD "AcknowledgedBy" character varying(450);

ALTER TABLE "Concerns" ADD "AcknowledgedAt" timestamp with time zone;

ALTER TABLE "Concerns" ADD "ResolvedBy" character varying(450);

ALTER TABLE "Concerns" ADD "ResolvedAt" timestamp with time zone;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123180000_ConcernTriage', '10.0.14');

COMMIT;

START TRANSACTION;
ALTER TABLE "Concerns" ADD "EscalatedAt" timestamp with time zone;

CREATE INDEX "IX_Concerns_Severity_Status_EscalatedAt" ON "Concerns" ("Severity", "Status", "EscalatedAt");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123190000_ConcernEscalation', '10.0.14');

COMMIT;

START TRANSACTION;
ALTER TABLE "Concerns" ADD "Subject" character varying(20) NOT NULL DEFAULT 'Booking';

ALTER TABLE "Concerns" ALTER COLUMN "DinerId" TYPE uuid;
ALTER TABLE "Concerns" ALTER COLUMN "DinerId" DROP NOT NULL;

CREATE INDEX "IX_Concerns_DinerId" ON "Concerns" ("DinerId");

CREATE INDEX "IX_Concerns_CookId" ON "Concerns" ("CookId");

CREATE TABLE "ConcernActions" (
    "Id" integer GENERATED BY DEFAULT AS IDENTITY,
    "At" timestamp with time zone NOT NULL,
    "By" character varying(450) NOT NULL,
    "Description" character varying(2000) NOT NULL,
    "ConcernId" uuid NOT NULL,
    CONSTRAINT "PK_ConcernActions" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_ConcernActions_Concerns_ConcernId" FOREIGN KEY ("ConcernId") REFERENCES "Concerns" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_ConcernActions_ConcernId" ON "ConcernActions" ("ConcernId");

CREATE TABLE "DutyShifts" (
    "Id" uuid NOT NULL,
    "CouncilId" uuid NOT NULL,
    "CoordinatorId" character varying(450) NOT NULL,
    "Starts" timestamp with time zone NOT NULL,
    "Ends" timestamp with time zone NOT NULL,
    "RecordedBy" character varying(450) NOT NULL,
    "RecordedAt" timestamp with time zone NOT NULL,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_DutyShifts" PRIMARY KEY ("Id")
);

CREATE INDEX "IX_DutyShifts_CouncilId" ON "DutyShifts" ("CouncilId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123200000_ConcernSubjects', '10.0.14');

COMMIT;

START TRANSACTION;
CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER "AuditEntries_AppendOnly" BEFORE UPDATE OR DELETE ON "AuditEntries"
FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();

CREATE TRIGGER "AuditEntries_NoTruncate" BEFORE TRUNCATE ON "AuditEntries"
FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only();

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123210000_AuditAppendOnly', '10.0.14');

COMMIT;

START TRANSACTION;
CREATE TABLE "SharingAgreements" (
    "Id" uuid NOT NULL,
    "CouncilA" uuid NOT NULL,
    "CouncilB" uuid NOT NULL,
    "Reference" character varying(200) NOT NULL,
    "RecordedBy" character varying(450) NOT NULL,
    "RecordedAt" timestamp with time zone NOT NULL,
    "EndedBy" character varying(450),
    "EndedAt" timestamp with time zone,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_SharingAgreements" PRIMARY KEY ("Id")
);

CREATE UNIQUE INDEX "IX_SharingAgreements_Live" ON "SharingAgreements" ("CouncilA", "CouncilB") WHERE "EndedAt" IS NULL;

CREATE INDEX "IX_SharingAgreements_CouncilB" ON "SharingAgreements" ("CouncilB");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123220000_SharingAgreements', '10.0.14');

COMMIT;

START TRANSACTION;
CREATE TABLE "Contributions" (
    "Id" uuid NOT NULL,
    "CouncilId" uuid NOT NULL,
    "BookingId" uuid NOT NULL,
    "AmountPence" integer NOT NULL,
    "Status" character varying(20) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "CheckoutSessionId" character varying(255),
    "CheckoutUrl" character varying(2000),
    "PaymentIntentId" character varying(255),
    "RefundId" character varying(255),
    "PaidAt" timestamp with time zone,
    "WaivedBy" character varying(450),
    "WaiverReason" character varying(500),
    "LastError" character varying(300),
    "Version" integer NOT NULL,
    CONSTRAINT "PK_Contributions" PRIMARY KEY ("Id")
);

CREATE UNIQUE INDEX "IX_Contributions_BookingId" ON "Contributions" ("BookingId");

CREATE INDEX "IX_Contributions_CouncilId_Status" ON "Contributions" ("CouncilId", "Status");

CREATE INDEX "IX_Contributions_CheckoutSessionId" ON "Contributions" ("CheckoutSessionId");

CREATE INDEX "IX_Contributions_PaymentIntentId" ON "Contributions" ("PaymentIntentId");

CREATE TABLE "StripeEvents" (
    "Id" character varying(255) NOT NULL,
    "Type" character varying(100) NOT NULL,
    "ReceivedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_StripeEvents" PRIMARY KEY ("Id")
);

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123230000_Contributions', '10.0.14');

COMMIT;

START TRANSACTION;
CREATE TABLE "DataProtectionKeys" (
    "Id" integer GENERATED BY DEFAULT AS IDENTITY,
    "FriendlyName" text,
    "Xml" text,
    CONSTRAINT "PK_DataProtectionKeys" PRIMARY KEY ("Id")
);

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261124000000_DataProtectionKeys', '10.0.14');

COMMIT;

START TRANSACTION;
ALTER TABLE "Offers" ADD "CookedOn" date NOT NULL DEFAULT DATE '2000-01-01';

UPDATE "Offers" SET "CookedOn" = "DeliveryDate";

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261124010000_CookedOn', '10.0.14');

COMMIT;

START TRANSACTION;
CREATE TABLE "Rhythms" (
    "Id" uuid NOT NULL,
    "CouncilId" uuid NOT NULL,
    "PairingId" uuid NOT NULL,
    "CookId" uuid NOT NULL,
    "DinerId" uuid NOT NULL,
    "BackupCookId" uuid,
    "Day" character varying(10) NOT NULL,
    "EveryWeeks" integer NOT NULL,
    "StartsOn" date NOT NULL,
    "Window_Start" time without time zone NOT NULL,
    "Window_End" time without time zone NOT NULL,
    "Meal_Dish" character varying(200) NOT NULL,
    "Meal_Ingredients" character varying(2000) NOT NULL,
    "Meal_Allergens_IsComplete" boolean NOT NULL,
    "Meal_Allergens_Contains" integer NOT NULL,
    "Meal_Diets" integer NOT NULL,
    "Meal_ReheatingAdvice" character varying(500),
    "Status" character varying(20) NOT NULL,
    "PausedBy" character varying(20),
    "PausedUntil" date,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_Rhythms" PRIMARY KEY ("Id")
);

CREATE INDEX "IX_Rhythms_CouncilId_Status" ON "Rhythms" ("CouncilId", "Status");

CREATE INDEX "IX_Rhythms_CookId" ON "Rhythms" ("CookId");

CREATE INDEX "IX_Rhythms_BackupCookId" ON "Rhythms" ("BackupCookId");

CREATE INDEX "IX_Rhythms_DinerId" ON "Rhythms" ("DinerId");

CREATE TABLE "RhythmSkips" (
    "Id" integer GENERATED BY DEFAULT AS IDENTITY,
    "Date" date NOT NULL,
    "By" character varying(20) NOT NULL,
    "Reason" character varying(200),
    "RhythmId" uuid NOT NULL,
    CONSTRAINT "PK_RhythmSkips" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_RhythmSkips_Rhythms_RhythmId" FOREIGN KEY ("RhythmId") REFERENCES "Rhythms" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_RhythmSkips_RhythmId" ON "RhythmSkips" ("RhythmId");

CREATE TABLE "RhythmOccurrences" (
    "Id" integer GENERATED BY DEFAULT AS IDENTITY,
    "Date" date NOT NULL,
    "Status" character varying(20) NOT NULL,
    "BookingId" uuid,
    "CookId" uuid,
    "Note" character varying(500),
    "UncoveredAlertAt" timestamp with time zone,
    "RhythmId" uuid NOT NULL,
    CONSTRAINT "PK_RhythmOccurrences" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_RhythmOccurrences_Rhythms_RhythmId" FOREIGN KEY ("RhythmId") REFERENCES "Rhythms" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_RhythmOccurrences_RhythmId_Date" ON "RhythmOccurrences" ("RhythmId", "Date");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261124020000_Rhythms', '10.0.14');

COMMIT;

START TRANSACTION;
ALTER TABLE "Councils" ADD "LateCancellationHours" integer NOT NULL DEFAULT 24;

ALTER TABLE "Councils" ADD "LateCancellationLimit" integer NOT NULL DEFAULT 3;

ALTER TABLE "Councils" ADD "LateCancellationDays" integer NOT NULL DEFAULT 28;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261124030000_LateCancellations', '10.0.14');

COMMIT;

