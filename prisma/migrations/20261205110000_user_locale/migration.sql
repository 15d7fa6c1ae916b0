-- The language a person chose in the header (pt-BR or en), remembered across devices, null = not chosen yet
-- AlterTable
ALTER TABLE "User" ADD COLUMN     "locale" TEXT;
