-- The schema as the hand-written migrations (InitialCreate … LateCancellations) built it, scripted by EF Core from them at
-- commit c306a89, before the history was re-baselined. PersistenceTests' upgrade test starts from it; never edit it.
CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);

BEGIN TRANSACTION;
CREATE TABLE "AspNetRoles" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetRoles" PRIMARY KEY,
    "Name" TEXT NULL,
    "NormalizedName" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL
);

CREATE TABLE "AspNetUsers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetUsers" PRIMARY KEY,
    "DisplayName" TEXT NOT NULL,
    "CouncilId" TEXT NOT NULL,
    "UserName" TEXT NULL,
    "NormalizedUserName" TEXT NULL,
    "Email" TEXT NULL,
    "NormalizedEmail" TEXT NULL,
    "EmailConfirmed" INTEGER NOT NULL,
    "PasswordHash" TEXT NULL,
    "SecurityStamp" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL,
    "PhoneNumber" TEXT NULL,
    "PhoneNumberConfirmed" INTEGER NOT NULL,
    "TwoFactorEnabled" INTEGER NOT NULL,
    "LockoutEnd" TEXT NULL,
    "LockoutEnabled" INTEGER NOT NULL,
    "AccessFailedCount" INTEGER NOT NULL
);

CREATE TABLE "Bookings" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Bookings" PRIMARY KEY,
    "CouncilId" TEXT NOT NULL,
    "OfferId" TEXT NOT NULL,
    "CookId" TEXT NOT NULL,
    "DinerId" TEXT NOT NULL,
    "DistanceKm" REAL NOT NULL,
    "BookedBy" TEXT NOT NULL,
    "BookedAt" TEXT NOT NULL,
    "IdempotencyKey" TEXT NULL,
    "Status" TEXT NOT NULL,
    "DeliveredAt" TEXT NULL,
    "CancelledAt" TEXT NULL,
    "CancelledBy" TEXT NULL,
    "CancellationReason" TEXT NULL,
    "NoAnswerAt" TEXT NULL,
    "Feedback_Rating" INTEGER NULL,
    "Feedback_Comment" TEXT NULL,
    "Feedback_GivenBy" TEXT NULL,
    "Feedback_GivenAt" TEXT NULL,
    "Version" INTEGER NOT NULL
);

CREATE TABLE "Concerns" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Concerns" PRIMARY KEY,
    "CouncilId" TEXT NOT NULL,
    "DinerId" TEXT NOT NULL,
    "CookId" TEXT NULL,
    "BookingId" TEXT NULL,
    "Severity" TEXT NOT NULL,
    "Summary" TEXT NOT NULL,
    "RaisedBy" TEXT NOT NULL,
    "RaisedAt" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "Resolution" TEXT NULL,
    "Version" INTEGER NOT NULL
);

CREATE TABLE "Cooks" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Cooks" PRIMARY KEY,
    "CouncilId" TEXT NOT NULL,
    "UserId" TEXT NOT NULL,
    "DisplayName" TEXT NOT NULL,
    "TravelRadiusKm" REAL NOT NULL,
    "Status" TEXT NOT NULL,
    "AppliedAt" TEXT NOT NULL,
    "SuspensionReason" TEXT NULL,
    "Location_Latitude" REAL NOT NULL,
    "Location_Longitude" REAL NOT NULL,
    "Version" INTEGER NOT NULL
);

CREATE TABLE "Councils" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Councils" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "MaxTravelKm" REAL NOT NULL,
    "ContributionAmount" TEXT NULL,
    "RequiredChecks" TEXT NOT NULL,
    "Version" INTEGER NOT NULL
);

CREATE TABLE "Diners" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Diners" PRIMARY KEY,
    "CouncilId" TEXT NOT NULL,
    "FirstName" TEXT NOT NULL,
    "LastName" TEXT NOT NULL,
    "Avoids" INTEGER NOT NULL,
    "Requires" INTEGER NOT NULL,
    "ContactChannel" TEXT NOT NULL,
    "Contact_Phone" TEXT NULL,
    "Contact_Email" TEXT NULL,
    "Contact_Address" TEXT NULL,
    "Consent_Given" INTEGER NOT NULL,
    "Consent_RecordedBy" TEXT NOT NULL,
    "Consent_RecordedAt" TEXT NOT NULL,
    "NominatedContact_Name" TEXT NULL,
    "NominatedContact_Phone" TEXT NULL,
    "NominatedContact_Relationship" TEXT NULL,
    "ReferredBy" TEXT NOT NULL,
    "ReferredAt" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "Location_Latitude" REAL NOT NULL,
    "Location_Longitude" REAL NOT NULL,
    "Version" INTEGER NOT NULL
);

CREATE TABLE "Offers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Offers" PRIMARY KEY,
    "CouncilId" TEXT NOT NULL,
    "CookId" TEXT NOT NULL,
    "Dish" TEXT NOT NULL,
    "Ingredients" TEXT NOT NULL,
    "Diets" INTEGER NOT NULL,
    "Portions" INTEGER NOT NULL,
    "PortionsLeft" INTEGER NOT NULL,
    "DeliveryDate" TEXT NOT NULL,
    "ReheatingAdvice" TEXT NULL,
    "SafetyGuidance" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "Allergens_Contains" INTEGER NOT NULL,
    "Allergens_IsComplete" INTEGER NOT NULL,
    "Location_Latitude" REAL NOT NULL,
    "Location_Longitude" REAL NOT NULL,
    "Window_End" TEXT NOT NULL,
    "Window_Start" TEXT NOT NULL,
    "Version" INTEGER NOT NULL
);

CREATE TABLE "Pairings" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Pairings" PRIMARY KEY,
    "CouncilId" TEXT NOT NULL,
    "CookId" TEXT NOT NULL,
    "DinerId" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "ProposedBy" TEXT NOT NULL,
    "ProposedAt" TEXT NOT NULL,
    "IntroducedOn" TEXT NULL,
    "ApprovedBy" TEXT NULL,
    "ApprovedAt" TEXT NULL,
    "EndReason" TEXT NULL,
    "Version" INTEGER NOT NULL
);

CREATE TABLE "AspNetRoleClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetRoleClaims" PRIMARY KEY AUTOINCREMENT,
    "RoleId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetRoleClaims_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserLogins" (
    "LoginProvider" TEXT NOT NULL,
    "ProviderKey" TEXT NOT NULL,
    "ProviderDisplayName" TEXT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserRoles" (
    "UserId" TEXT NOT NULL,
    "RoleId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserRoles" PRIMARY KEY ("UserId", "RoleId"),
    CONSTRAINT "FK_AspNetUserRoles_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AspNetUserRoles_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserTokens" (
    "UserId" TEXT NOT NULL,
    "LoginProvider" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Value" TEXT NULL,
    CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
    CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "CookChecks" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_CookChecks" PRIMARY KEY AUTOINCREMENT,
    "Kind" TEXT NOT NULL,
    "Reference" TEXT NOT NULL,
    "IssuedOn" TEXT NOT NULL,
    "ExpiresOn" TEXT NULL,
    "VerifiedBy" TEXT NOT NULL,
    "VerifiedAt" TEXT NOT NULL,
    "CookId" TEXT NOT NULL,
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

BEGIN TRANSACTION;
CREATE TABLE "MatchProposals" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_MatchProposals" PRIMARY KEY,
    "RunId" TEXT NOT NULL,
    "CouncilId" TEXT NOT NULL,
    "OfferId" TEXT NOT NULL,
    "DinerId" TEXT NOT NULL,
    "CookId" TEXT NOT NULL,
    "DistanceKm" REAL NOT NULL,
    "ContinuesPairing" INTEGER NOT NULL,
    "Reasons" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "DecidedBy" TEXT NULL,
    "DecidedAt" TEXT NULL,
    "RejectionReason" TEXT NULL,
    "BookingId" TEXT NULL,
    "Version" INTEGER NOT NULL
);

CREATE TABLE "MatchingRuns" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_MatchingRuns" PRIMARY KEY,
    "CouncilId" TEXT NOT NULL,
    "DeliveryDate" TEXT NOT NULL,
    "StartedBy" TEXT NOT NULL,
    "Scheduled" INTEGER NOT NULL,
    "StartedAt" TEXT NOT NULL,
    "Version" INTEGER NOT NULL
);

CREATE TABLE "PairExclusions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_PairExclusions" PRIMARY KEY,
    "CouncilId" TEXT NOT NULL,
    "CookId" TEXT NOT NULL,
    "DinerId" TEXT NOT NULL,
    "Reason" TEXT NOT NULL,
    "RecordedBy" TEXT NOT NULL,
    "RecordedAt" TEXT NOT NULL,
    "Version" INTEGER NOT NULL
);

CREATE TABLE "MatchingRunCoverage" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_MatchingRunCoverage" PRIMARY KEY AUTOINCREMENT,
    "Latitude" REAL NOT NULL,
    "Longitude" REAL NOT NULL,
    "Diners" INTEGER NOT NULL,
    "RadiusKm" REAL NOT NULL,
    "RunId" TEXT NOT NULL,
    CONSTRAINT "FK_MatchingRunCoverage_MatchingRuns_RunId" FOREIGN KEY ("RunId") REFERENCES "MatchingRuns" ("Id") ON DELETE CASCADE
);

CREATE TABLE "MatchingRunUnmatched" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_MatchingRunUnmatched" PRIMARY KEY AUTOINCREMENT,
    "DinerId" TEXT NOT NULL,
    "Reasons" TEXT NOT NULL,
    "RunId" TEXT NOT NULL,
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

BEGIN TRANSACTION;
ALTER TABLE "Councils" ADD "MessageRetentionDays" INTEGER NOT NULL DEFAULT 90;

CREATE TABLE "Notifications" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Notifications" PRIMARY KEY,
    "CouncilId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "RecipientRole" TEXT NOT NULL,
    "RecipientId" TEXT NOT NULL,
    "Channel" TEXT NOT NULL,
    "Destination" TEXT NULL,
    "Fields" TEXT NOT NULL,
    "SubjectId" TEXT NULL,
    "Urgent" INTEGER NOT NULL,
    "Status" TEXT NOT NULL,
    "Attempts" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "DueAt" TEXT NOT NULL,
    "LockedUntil" TEXT NULL,
    "ClaimToken" TEXT NULL,
    "SentAt" TEXT NULL,
    "ProviderReference" TEXT NULL,
    "LastError" TEXT NULL,
    "ErasedAt" TEXT NULL
);

CREATE INDEX "IX_Notifications_Due" ON "Notifications" ("Status", "Urgent", "DueAt");

CREATE INDEX "IX_Notifications_CouncilId_Status" ON "Notifications" ("CouncilId", "Status");

CREATE INDEX "IX_Notifications_SubjectId" ON "Notifications" ("SubjectId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123090000_Notifications', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "Postcodes" (
    "Postcode" TEXT NOT NULL CONSTRAINT "PK_Postcodes" PRIMARY KEY,
    "Latitude" REAL NOT NULL,
    "Longitude" REAL NOT NULL
);

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123140000_Postcodes', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "Bookings" ADD "ReviewReason" TEXT NULL;

CREATE TABLE "CheckExpiryWarnings" (
    "CookId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "ExpiresOn" TEXT NOT NULL,
    CONSTRAINT "PK_CheckExpiryWarnings" PRIMARY KEY ("CookId", "Kind", "ExpiresOn")
);

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123160000_CheckExpiry', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "AuditEntries" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AuditEntries" PRIMARY KEY,
    "At" TEXT NOT NULL,
    "UserId" TEXT NOT NULL,
    "CouncilId" TEXT NOT NULL,
    "Action" TEXT NOT NULL,
    "SubjectType" TEXT NOT NULL,
    "SubjectId" TEXT NOT NULL,
    "Why" TEXT NOT NULL
);

CREATE INDEX "IX_AuditEntries_SubjectId" ON "AuditEntries" ("SubjectId");

CREATE INDEX "IX_AuditEntries_UserId" ON "AuditEntries" ("UserId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123170000_AuditLog', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "Concerns" ADD "AcknowledgedBy" TEXT NULL;

ALTER TABLE "Concerns" ADD "AcknowledgedAt" TEXT NULL;

ALTER TABLE "Concerns" ADD "ResolvedBy" TEXT NULL;

ALTER TABLE "Concerns" ADD "ResolvedAt" TEXT NULL;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123180000_ConcernTriage', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "Concerns" ADD "EscalatedAt" TEXT NULL;

CREATE INDEX "IX_Concerns_Severity_Status_EscalatedAt" ON "Concerns" ("Severity", "Status", "EscalatedAt");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123190000_ConcernEscalation', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
DROP INDEX "IX_Concerns_CouncilId_Status";

DROP INDEX "IX_Concerns_Severity_Status_EscalatedAt";

ALTER TABLE "Concerns" RENAME TO "ConcernsBeforeSubjects";

CREATE TABLE "Concerns" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Concerns" PRIMARY KEY,
    "CouncilId" TEXT NOT NULL,
    "Subject" TEXT NOT NULL,
    "DinerId" TEXT NULL,
    "CookId" TEXT NULL,
    "BookingId" TEXT NULL,
    "Severity" TEXT NOT NULL,
    "Summary" TEXT NOT NULL,
    "RaisedBy" TEXT NOT NULL,
    "RaisedAt" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "Resolution" TEXT NULL,
    "AcknowledgedBy" TEXT NULL,
    "AcknowledgedAt" TEXT NULL,
    "ResolvedBy" TEXT NULL,
    "ResolvedAt" TEXT NULL,
    "EscalatedAt" TEXT NULL,
    "Version" INTEGER NOT NULL
);

INSERT INTO "Concerns" ("Subject", "Id", "CouncilId", "DinerId", "CookId", "BookingId", "Severity", "Summary", "RaisedBy", "RaisedAt", "Status", "Resolution", "Version", "AcknowledgedBy", "AcknowledgedAt", "ResolvedBy", "ResolvedAt", "EscalatedAt") SELECT 'Booking', "Id", "CouncilId", "DinerId", "CookId", "BookingId", "Severity", "Summary", "RaisedBy", "RaisedAt", "Status", "Resolution", "Version", "AcknowledgedBy", "AcknowledgedAt", "ResolvedBy", "ResolvedAt", "EscalatedAt" FROM "ConcernsBeforeSubjects";

DROP TABLE "ConcernsBeforeSubjects";

CREATE INDEX "IX_Concerns_CouncilId_Status" ON "Concerns" ("CouncilId", "Status");

CREATE INDEX "IX_Concerns_Severity_Status_EscalatedAt" ON "Concerns" ("Severity", "Status", "EscalatedAt");

CREATE INDEX "IX_Concerns_DinerId" ON "Concerns" ("DinerId");

CREATE INDEX "IX_Concerns_CookId" ON "Concerns" ("CookId");

CREATE TABLE "ConcernActions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ConcernActions" PRIMARY KEY AUTOINCREMENT,
    "At" TEXT NOT NULL,
    "By" TEXT NOT NULL,
    "Description" TEXT NOT NULL,
    "ConcernId" TEXT NOT NULL,
    CONSTRAINT "FK_ConcernActions_Concerns_ConcernId" FOREIGN KEY ("ConcernId") REFERENCES "Concerns" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_ConcernActions_ConcernId" ON "ConcernActions" ("ConcernId");

CREATE TABLE "DutyShifts" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_DutyShifts" PRIMARY KEY,
    "CouncilId" TEXT NOT NULL,
    "CoordinatorId" TEXT NOT NULL,
    "Starts" TEXT NOT NULL,
    "Ends" TEXT NOT NULL,
    "RecordedBy" TEXT NOT NULL,
    "RecordedAt" TEXT NOT NULL,
    "Version" INTEGER NOT NULL
);

CREATE INDEX "IX_DutyShifts_CouncilId" ON "DutyShifts" ("CouncilId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123200000_ConcernSubjects', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
CREATE TRIGGER "AuditEntries_NoUpdate" BEFORE UPDATE ON "AuditEntries"
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: entries cannot be changed'); END;

CREATE TRIGGER "AuditEntries_NoDelete" BEFORE DELETE ON "AuditEntries"
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: entries cannot be removed'); END;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123210000_AuditAppendOnly', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "SharingAgreements" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_SharingAgreements" PRIMARY KEY,
    "CouncilA" TEXT NOT NULL,
    "CouncilB" TEXT NOT NULL,
    "Reference" TEXT NOT NULL,
    "RecordedBy" TEXT NOT NULL,
    "RecordedAt" TEXT NOT NULL,
    "EndedBy" TEXT NULL,
    "EndedAt" TEXT NULL,
    "Version" INTEGER NOT NULL
);

CREATE UNIQUE INDEX "IX_SharingAgreements_Live" ON "SharingAgreements" ("CouncilA", "CouncilB") WHERE "EndedAt" IS NULL;

CREATE INDEX "IX_SharingAgreements_CouncilB" ON "SharingAgreements" ("CouncilB");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123220000_SharingAgreements', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "Contributions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Contributions" PRIMARY KEY,
    "CouncilId" TEXT NOT NULL,
    "BookingId" TEXT NOT NULL,
    "AmountPence" INTEGER NOT NULL,
    "Status" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "CheckoutSessionId" TEXT NULL,
    "CheckoutUrl" TEXT NULL,
    "PaymentIntentId" TEXT NULL,
    "RefundId" TEXT NULL,
    "PaidAt" TEXT NULL,
    "WaivedBy" TEXT NULL,
    "WaiverReason" TEXT NULL,
    "LastError" TEXT NULL,
    "Version" INTEGER NOT NULL
);

CREATE UNIQUE INDEX "IX_Contributions_BookingId" ON "Contributions" ("BookingId");

CREATE INDEX "IX_Contributions_CouncilId_Status" ON "Contributions" ("CouncilId", "Status");

CREATE INDEX "IX_Contributions_CheckoutSessionId" ON "Contributions" ("CheckoutSessionId");

CREATE INDEX "IX_Contributions_PaymentIntentId" ON "Contributions" ("PaymentIntentId");

CREATE TABLE "StripeEvents" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_StripeEvents" PRIMARY KEY,
    "Type" TEXT NOT NULL,
    "ReceivedAt" TEXT NOT NULL
);

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123230000_Contributions', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "DataProtectionKeys" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DataProtectionKeys" PRIMARY KEY AUTOINCREMENT,
    "FriendlyName" TEXT NULL,
    "Xml" TEXT NULL
);

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261124000000_DataProtectionKeys', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "Offers" ADD "CookedOn" TEXT NOT NULL DEFAULT '2000-01-01';

UPDATE "Offers" SET "CookedOn" = "DeliveryDate";

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261124010000_CookedOn', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "Rhythms" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Rhythms" PRIMARY KEY,
    "CouncilId" TEXT NOT NULL,
    "PairingId" TEXT NOT NULL,
    "CookId" TEXT NOT NULL,
    "DinerId" TEXT NOT NULL,
    "BackupCookId" TEXT NULL,
    "Day" TEXT NOT NULL,
    "EveryWeeks" INTEGER NOT NULL,
    "StartsOn" TEXT NOT NULL,
    "Window_Start" TEXT NOT NULL,
    "Window_End" TEXT NOT NULL,
    "Meal_Dish" TEXT NOT NULL,
    "Meal_Ingredients" TEXT NOT NULL,
    "Meal_Allergens_IsComplete" INTEGER NOT NULL,
    "Meal_Allergens_Contains" INTEGER NOT NULL,
    "Meal_Diets" INTEGER NOT NULL,
    "Meal_ReheatingAdvice" TEXT NULL,
    "Status" TEXT NOT NULL,
    "PausedBy" TEXT NULL,
    "PausedUntil" TEXT NULL,
    "Version" INTEGER NOT NULL
);

CREATE INDEX "IX_Rhythms_CouncilId_Status" ON "Rhythms" ("CouncilId", "Status");

CREATE INDEX "IX_Rhythms_CookId" ON "Rhythms" ("CookId");

CREATE INDEX "IX_Rhythms_BackupCookId" ON "Rhythms" ("BackupCookId");

CREATE INDEX "IX_Rhythms_DinerId" ON "Rhythms" ("DinerId");

CREATE TABLE "RhythmSkips" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_RhythmSkips" PRIMARY KEY AUTOINCREMENT,
    "Date" TEXT NOT NULL,
    "By" TEXT NOT NULL,
    "Reason" TEXT NULL,
    "RhythmId" TEXT NOT NULL,
    CONSTRAINT "FK_RhythmSkips_Rhythms_RhythmId" FOREIGN KEY ("RhythmId") REFERENCES "Rhythms" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_RhythmSkips_RhythmId" ON "RhythmSkips" ("RhythmId");

CREATE TABLE "RhythmOccurrences" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_RhythmOccurrences" PRIMARY KEY AUTOINCREMENT,
    "Date" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "BookingId" TEXT NULL,
    "CookId" TEXT NULL,
    "Note" TEXT NULL,
    "UncoveredAlertAt" TEXT NULL,
    "RhythmId" TEXT NOT NULL,
    CONSTRAINT "FK_RhythmOccurrences_Rhythms_RhythmId" FOREIGN KEY ("RhythmId") REFERENCES "Rhythms" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_RhythmOccurrences_RhythmId_Date" ON "RhythmOccurrences" ("RhythmId", "Date");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261124020000_Rhythms', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "Councils" ADD "LateCancellationHours" INTEGER NOT NULL DEFAULT 24;

ALTER TABLE "Councils" ADD "LateCancellationLimit" INTEGER NOT NULL DEFAULT 3;

ALTER TABLE "Councils" ADD "LateCancellationDays" INTEGER NOT NULL DEFAULT 28;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261124030000_LateCancellations', '10.0.14');

COMMIT;

