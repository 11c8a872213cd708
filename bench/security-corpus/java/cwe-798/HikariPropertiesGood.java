package com.example.crm.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration
public class HikariPropertiesGood {
    @Bean
    public DataSource dataSource(Environment env) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(env.getRequiredProperty("crm.datasource.url"));
        config.setUsername(env.getRequiredProperty("crm.datasource.username"));
        config.setPassword(env.getRequiredProperty("crm.datasource.password"));
        config.setMaximumPoolSize(20);
        return new HikariDataSource(config);
    }
}
