package com.example.cluster.web;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class SessionKryoBad extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Kryo kryo = new Kryo();
        kryo.setRegistrationRequired(false);
        Input input = new Input(req.getInputStream());
        Object replicated = kryo.readClassAndObject(input);
        input.close();
        resp.getWriter().println("replicated " + replicated.getClass().getName());
    }
}
