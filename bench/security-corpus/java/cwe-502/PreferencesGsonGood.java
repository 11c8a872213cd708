package com.example.prefs.web;

import com.google.gson.Gson;
import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import com.example.prefs.Preferences;

public class PreferencesGsonGood extends HttpServlet {
    private final Gson gson = new Gson();

    @Override
    protected void doPut(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Preferences prefs = gson.fromJson(req.getReader(), Preferences.class);
        resp.setContentType("application/json");
        resp.getWriter().write(gson.toJson(prefs));
    }
}
