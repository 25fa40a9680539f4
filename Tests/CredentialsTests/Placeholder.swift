// Placeholder so the target builds while its tests are written.
