package org.xcorr.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.xcorr.cli.table.Table;

/**
 * The result table as Parquet: the CSV's columns (vectors {@link Table#flatten flattened} to one column per axis),
 * in the same order, one row per manifest row in id order, written as one file.
 *
 * <p>Column types: {@code long} when every value is an integer, {@code double} when every value is a number (the
 * doubles are the runner's, bit for bit; a non-finite one is null, as the CSV's empty cell and the JSON's null),
 * {@code boolean} when every value is one, else {@code string} holding the CSV's cell text. Manifest cells are
 * always strings, as written.
 */
final class ParquetTable {

    private ParquetTable() {
    }

    /** The schema of {@code rows} (flattened) for {@code columns}. */
    static StructType schema(List<String> columns, List<Map<String, Object>> flat) {
        List<StructField> fields = new ArrayList<>();
        for (String c : columns) {
            fields.add(DataTypes.createStructField(c, type(c, flat), true));
        }
        return DataTypes.createStructType(fields);
    }

    private static DataType type(String column, List<Map<String, Object>> flat) {
        boolean integers = true;
        boolean numbers = true;
        boolean booleans = true;
        boolean any = false;
        for (Map<String, Object> r : flat) {
            Object v = r.get(column);
            if (v == null) {
                continue;
            }
            any = true;
            boolean integer = v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte;
            integers &= integer;
            numbers &= integer || v instanceof Double || v instanceof Float;
            booleans &= v instanceof Boolean;
        }
        if (!any) {
            return DataTypes.StringType;
        }
        return integers ? DataTypes.LongType : numbers ? DataTypes.DoubleType
                : booleans ? DataTypes.BooleanType : DataTypes.StringType;
    }

    /** The rows as Spark rows of {@code schema}. */
    static List<Row> rows(StructType schema, List<Map<String, Object>> flat) {
        List<Row> out = new ArrayList<>(flat.size());
        StructField[] fields = schema.fields();
        for (Map<String, Object> r : flat) {
            Object[] cells = new Object[fields.length];
            for (int c = 0; c < fields.length; c++) {
                Object v = r.get(fields[c].name());
                DataType t = fields[c].dataType();
                if (v == null) {
                    cells[c] = null;
                } else if (t == DataTypes.LongType) {
                    cells[c] = ((Number) v).longValue();
                } else if (t == DataTypes.DoubleType) {
                    double d = ((Number) v).doubleValue();
                    cells[c] = Double.isFinite(d) ? d : null;
                } else if (t == DataTypes.BooleanType) {
                    cells[c] = v;
                } else {
                    cells[c] = Table.cell(v);
                }
            }
            out.add(RowFactory.create(cells));
        }
        return out;
    }

    /** Writes the table to the Parquet folder {@code path} (a Hadoop path), replacing what is there. */
    static void write(SparkSession spark, String path, List<String> columns, List<? extends Map<String, ?>> rows) {
        List<Map<String, Object>> flat = new ArrayList<>(rows.size());
        for (Map<String, ?> r : rows) {
            flat.add(Table.flatten(r));
        }
        List<String> all = Table.columns(columns, flat);
        StructType schema = schema(all, flat);
        spark.createDataFrame(rows(schema, flat), schema).coalesce(1).write().mode(SaveMode.Overwrite).parquet(path);
    }
}
