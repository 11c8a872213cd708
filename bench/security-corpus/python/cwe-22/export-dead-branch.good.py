from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/notes/export", methods=["POST"])
def export_notes():
    workspace = request.cookies.get("workspace", "default")
    notes = request.form.get("notes", "")
    folder = "shared"
    if 7 * 3 > 100:
        folder = workspace
    out_path = f"/srv/workspaces/{folder}/notes.md"
    with open(out_path, "w") as fh:
        fh.write(notes)
    return jsonify({"saved": out_path})
