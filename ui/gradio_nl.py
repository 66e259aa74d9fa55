"""Dutch for Gradio's own interface strings, whatever the browser's language.

Gradio picks its translations from the browser locale; a council member with an English browser
would get "Drop File Here". These custom translations replace Gradio's strings for the usual
browser locales with Dutch (Gradio's own Dutch, completed where it has none), for the components
this app uses. Keys are Gradio's i18n keys (gradio/templates/frontend, locale files).
"""

from __future__ import annotations

import gradio as gr

DUTCH: dict[str, str] = {
    "blocks.connection_can_break": "Op een telefoon kan de verbinding wegvallen als dit tabblad niet actief is of "
                                   "het toestel in slaapstand gaat; uw plaats in de wachtrij gaat dan verloren.",
    "blocks.long_requests_queue": "Er staan veel vragen in de wachtrij; een ogenblik geduld.",
    "blocks.lost_connection": "De verbinding is verbroken doordat de pagina werd verlaten. Opnieuw verbinden…",
    "blocks.waiting_for_inputs": "Wacht tot het uploaden klaar is en probeer het dan opnieuw.",
    "chatbot.edit": "Bewerken",
    "chatbot.retry": "Opnieuw proberen",
    "chatbot.undo": "Ongedaan maken",
    "chatbot.submit": "Verzenden",
    "chatbot.cancel": "Annuleren",
    "chatbot.like": "Nuttig",
    "chatbot.dislike": "Niet nuttig",
    "chatbot.clear": "Gesprek wissen",
    "chatbot.complete": "Klaar",
    "chatbot.copy_message": "Bericht kopiëren",
    "chatbot.copied_message": "Bericht gekopieerd",
    "chat_interface.new_chat": "Nieuw gesprek",
    "chat_interface.message_placeholder": "Typ een vraag…",
    "chat_interface.additional_inputs": "Meer invoer",
    "chat_interface.chatbot": "Gesprek",
    "chat_interface.conversation": "Gesprek",
    "code.code": "Code",
    "common.built_with": "Gemaakt met",
    "common.built_with_gradio": "Gemaakt met Gradio",
    "common.clear": "Wissen",
    "common.download": "Downloaden",
    "common.download_all": "Alles downloaden",
    "common.edit": "Bewerken",
    "common.empty": "Leeg",
    "common.error": "Fout",
    "common.hosted_on": "Gehost op",
    "common.loading": "Laden",
    "common.logo": "Logo",
    "common.or": "of",
    "common.remove": "Verwijderen",
    "common.runs": "Uitvoeringen",
    "common.runs_description": "Uitvoeringen die in deze browser zijn bewaard",
    "common.back_to_app": "Terug",
    "common.back_to_app_description": "Terug naar de Vraagbaak",
    "common.settings": "Instellingen",
    "common.share": "Delen",
    "common.submit": "Verzenden",
    "common.undo": "Ongedaan maken",
    "common.no_devices": "Geen apparaten gevonden",
    "common.language": "Taal",
    "common.display_theme": "Weergave",
    "common.pwa": "Webapp",
    "common.progress": "Voortgang",
    "common.run": "Uitvoeren",
    "dataframe.incorrect_format": "Onjuist formaat; alleen CSV- en TSV-bestanden worden ondersteund",
    "dataframe.new_column": "Kolom toevoegen",
    "dataframe.new_row": "Nieuwe rij",
    "dataframe.add_row_above": "Rij erboven toevoegen",
    "dataframe.add_row_below": "Rij eronder toevoegen",
    "dataframe.delete_row": "Rij verwijderen",
    "dataframe.delete_column": "Kolom verwijderen",
    "dataframe.add_column_left": "Kolom links toevoegen",
    "dataframe.add_column_right": "Kolom rechts toevoegen",
    "dataframe.sort_column": "Kolom sorteren",
    "dataframe.sort_ascending": "Oplopend sorteren",
    "dataframe.sort_descending": "Aflopend sorteren",
    "dataframe.drop_to_upload": "Sleep een CSV- of TSV-bestand hierheen",
    "dataframe.clear_sort": "Sortering wissen",
    "dataframe.filter": "Filteren",
    "dataframe.clear_filter": "Filters wissen",
    "dropdown.dropdown": "Keuzelijst",
    "errors.build_error": "er is een fout bij het bouwen",
    "errors.config_error": "er is een fout in de configuratie",
    "errors.contact_page_author": "Neem contact op met de beheerder van de Vraagbaak.",
    "errors.runtime_error": "er is een fout opgetreden",
    "file.uploading": "Uploaden…",
    "login.incorrect_credentials": "Onjuiste gebruikersnaam of wachtwoord",
    "login.username": "gebruikersnaam",
    "login.password": "wachtwoord",
    "login.login": "Inloggen",
    "status.queue_position": "In de wachtrij: {position} van {size}",
    "upload_text.click_to_upload": "Klik om een bestand te kiezen",
    "upload_text.drop_file": "Sleep een bestand hierheen",
    "upload_text.drop_csv": "Sleep een CSV-bestand hierheen",
    "upload_text.paste_clipboard": "Plakken vanuit klembord",
}

# Gradio picks one of its locales from the browser; each gets the Dutch strings.
LOCALES = ("nl", "en", "de", "fr", "es", "it", "pt", "pl", "tr", "ar", "uk", "ru", "zh-CN", "ja", "ko", "sv", "da",
           "fi", "nb", "cs", "ro", "hu", "el", "he", "id", "vi", "th", "fa", "hi")


def dutch_i18n() -> gr.I18n:
    return gr.I18n(**{loc: dict(DUTCH) for loc in LOCALES})
