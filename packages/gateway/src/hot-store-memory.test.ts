import { createMemoryHotStore } from "./hot-store-memory";
import { hotStoreContract } from "./hot-store.contract";

hotStoreContract("memory", async () => createMemoryHotStore());
