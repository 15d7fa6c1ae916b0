import { z } from "zod";

/** A bot's (instance's) name, checked the same way by the page and the router. */
export const instanceNameSchema = z.string().trim().min(1, "Name is required").max(80, "Name is at most 80 characters");
