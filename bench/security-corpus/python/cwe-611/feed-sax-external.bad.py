import xml.sax
from xml.sax.handler import feature_external_ges

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
    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, True)
    parser.setContentHandler(handler)
    parser.feed(body)
    parser.close()
    return JsonResponse({"titles": handler.titles[:20]})
