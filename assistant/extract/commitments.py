"""stub"""


def find(lines, doc_id, file_name, pages):
    return []
