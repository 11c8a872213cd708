package com.example.hooks.web;

import java.io.IOException;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;
import javax.script.ScriptException;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class HookScriptCookieBad extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        StringBuilder script = new StringBuilder("var greeting = 'hi';\n");
        for (Cookie c : req.getCookies()) {
            if ("widget_hook".equals(c.getName())) {
                script.append(c.getValue()).append(";\n");
            }
        }
        ScriptEngine engine = new ScriptEngineManager().getEngineByExtension("js");
        try {
            resp.getWriter().print(engine.eval(script.toString()));
        } catch (ScriptException e) {
            resp.setStatus(500);
        }
    }
}
