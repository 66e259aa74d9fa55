"""Gradio web interface for the Vraagbaak sociaal domein. Uses only assistant.api.Assistant."""
