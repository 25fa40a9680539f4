// Placeholder so the target builds while its code is written.
