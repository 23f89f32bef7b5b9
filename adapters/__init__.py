"""Platform adapters: each turns its platform's payloads into core events and renders replies."""
