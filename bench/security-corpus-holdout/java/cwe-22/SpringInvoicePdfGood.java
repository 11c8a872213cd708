package com.example.billing.web;

import java.nio.file.Path;
import java.nio.file.Paths;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class SpringInvoicePdfGood {

    private static final Path INVOICE_DIR = Paths.get("/data/invoices").toAbsolutePath().normalize();

    @GetMapping("/invoices/pdf")
    public ResponseEntity<Resource> download(@RequestParam("file") String fileName) {
        Path pdf = INVOICE_DIR.resolve(fileName).normalize();
        if (!pdf.startsWith(INVOICE_DIR) || !pdf.toFile().exists()) {
            return ResponseEntity.notFound().build();
        }
        Resource body = new FileSystemResource(pdf);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + pdf.getFileName() + "\"")
                .contentType(MediaType.APPLICATION_PDF)
                .body(body);
    }
}
