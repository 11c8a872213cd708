package com.example.geo.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class CountriesClasspathGood {
    @GetMapping("/countries")
    @SuppressWarnings("unchecked")
    public List<String> countries(@RequestParam(defaultValue = "") String prefix) throws IOException, ClassNotFoundException {
        try (InputStream res = getClass().getResourceAsStream("/data/countries.ser");
             ObjectInputStream in = new ObjectInputStream(res)) {
            List<String> all = (List<String>) in.readObject();
            return all.stream().filter(c -> c.startsWith(prefix.toUpperCase())).collect(Collectors.toList());
        }
    }
}
