import xml.sax

from defusedxml.sax import parseString
from django.http import JsonResponse


class TitleHandler(xml.sax.ContentHandler):
    def __init__(self):
        super().__init__()
        self.titles = []

    def characters(self, content):
        if content.strip():
            self.titles.append(content.strip())


def parse_feed(request):
    body = request.body
    handler = TitleHandler()
    parseString(body, handler)
    return JsonResponse({"titles": handler.titles[:20]})
