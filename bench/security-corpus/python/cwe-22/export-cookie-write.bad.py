from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/notes/export", methods=["POST"])
def export_notes():
    workspace = request.cookies.get("workspace", "default")
    notes = request.form.get("notes", "")
    out_path = f"/srv/workspaces/{workspace}/notes.md"
    with open(out_path, "w") as fh:
        fh.write(notes)
    return jsonify({"saved": out_path})
