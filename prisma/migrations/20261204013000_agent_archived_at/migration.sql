-- Archived agents keep their usage history but leave the lists, the config and their bindings.
ALTER TABLE "Agent" ADD COLUMN "archivedAt" TIMESTAMP(3);
