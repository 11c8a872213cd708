import os

from flask import Flask, request, send_file

app = Flask(__name__)
UPLOAD_DIR = "/srv/app/uploads"


@app.route("/download")
def download():
    filename = os.path.basename(request.args.get("file", ""))
    path = os.path.join(UPLOAD_DIR, filename)
    return send_file(path, as_attachment=True)
